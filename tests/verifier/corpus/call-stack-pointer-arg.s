; Passing a pointer to the caller's stack: the callee writes it, the caller reads it back.
; expect: accept
.prog xdp
  r1 = r10
  r1 += -8
  call f
  r0 = *(u64 *)(r10 - 8)
  r0 = 2
  exit
f:
  *(u64 *)(r1 + 0) = 42
  r0 = 0
  exit
