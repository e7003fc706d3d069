; The callee writes 16 bytes below a pointer to the caller's last 8 bytes of stack... at fp-520.
; expect: reject
.prog xdp
  r1 = r10
  r1 += -512
  call f
  r0 = 2
  exit
f:
  *(u64 *)(r1 - 8) = 0
  r0 = 0
  exit
