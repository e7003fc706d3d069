; tstamp (offset 152) is a u64 field: a u64 read is right for it.
; expect: accept
.prog sched_cls
  r0 = *(u64 *)(r1 + 152)
  r0 = 0
  exit
