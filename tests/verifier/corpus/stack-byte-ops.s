; Byte, half and word stores and loads at every alignment they allow.
; expect: accept
.prog xdp
  *(u8 *)(r10 - 1) = 1
  *(u8 *)(r10 - 2) = 2
  *(u16 *)(r10 - 4) = 3
  *(u32 *)(r10 - 8) = 4
  r0 = *(u8 *)(r10 - 1)
  r1 = *(u16 *)(r10 - 4)
  r0 += r1
  r1 = *(u32 *)(r10 - 8)
  r0 += r1
  exit
