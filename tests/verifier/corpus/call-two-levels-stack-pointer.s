; A pointer to main's stack passed down two calls; the innermost callee writes through it.
; expect: accept
.prog xdp
  *(u64 *)(r10 - 8) = 0
  r1 = r10
  r1 += -8
  call f
  r0 = *(u64 *)(r10 - 8)
  r0 = 2
  exit
f:
  call g
  exit
g:
  *(u64 *)(r1 + 0) = 9
  r0 = 0
  exit
