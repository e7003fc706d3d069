; The context pointer passed to a subprogram is still a context pointer there.
; expect: accept
.prog sched_cls
  call f
  r0 = 0
  exit
f:
  r0 = *(u32 *)(r1 + 0)
  exit
