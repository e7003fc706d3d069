; An atomic fetch into the stack pointer's slot through an offset stack pointer copy.
; expect: accept
.prog xdp
  *(u64 *)(r10 - 16) = 0
  r2 = r10
  r2 += -16
  r1 = 3
  r1 = atomic_fetch_xor((u64 *)(r2 + 0), r1)
  r0 = 2
  exit
