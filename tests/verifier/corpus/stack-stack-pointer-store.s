; Storing a stack pointer in the stack and loading it back, then writing through it.
; expect: accept
.prog xdp
  r1 = r10
  r1 += -16
  *(u64 *)(r10 - 8) = r1
  r2 = *(u64 *)(r10 - 8)
  *(u64 *)(r2 + 0) = 3
  r0 = *(u64 *)(r10 - 16)
  exit
