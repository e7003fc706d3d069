; A sign-extending load of a plain __sk_buff field (len).
; expect: accept
.prog sched_cls
  r2 = *(s32 *)(r1 + 0)
  r0 = 0
  exit
