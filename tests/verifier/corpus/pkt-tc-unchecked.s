; tc packet access without the data_end check.
; expect: reject invalid access to packet
.prog sched_cls
  r2 = *(u32 *)(r1 + 76)
  r0 = *(u16 *)(r2 + 12)
  r0 = 0
  exit
