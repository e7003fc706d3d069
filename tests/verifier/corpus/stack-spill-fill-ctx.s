; Spilling the context pointer to the stack and filling it back keeps it a context pointer.
; expect: accept
.prog xdp
  *(u64 *)(r10 - 8) = r1
  r1 = 0
  r6 = *(u64 *)(r10 - 8)
  r0 = *(u32 *)(r6 + 16)
  r0 = 2
  exit
