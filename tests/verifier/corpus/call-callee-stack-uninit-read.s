; A callee reads its own stack it never wrote (root may read uninitialised stack).
; expect: accept
.prog xdp
  call f
  r0 = 2
  exit
f:
  r0 = *(u64 *)(r10 - 8)
  exit
