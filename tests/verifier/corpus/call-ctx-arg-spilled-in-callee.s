; A callee spills the context it was given and uses the fill for a context read.
; expect: accept
.prog sched_cls
  call f
  r0 = 0
  exit
f:
  *(u64 *)(r10 - 8) = r1
  r2 = *(u64 *)(r10 - 8)
  r0 = *(u32 *)(r2 + 0)
  exit
