; Spilling only 4 bytes of a pointer register is refused.
; expect: reject invalid size of register spill
.prog xdp
  *(u32 *)(r10 - 8) = r1
  r0 = 2
  exit
