; tc may write tc_classid and tstamp.
; expect: accept
.prog sched_cls
  r2 = 1
  *(u32 *)(r1 + 72) = r2
  *(u64 *)(r1 + 152) = r2
  r0 = 0
  exit
