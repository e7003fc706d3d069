; Filling 4 bytes of a spilled pointer is refused (a pointer spill must be filled whole).
; expect: reject invalid size of register fill
.prog xdp
  *(u64 *)(r10 - 8) = r1
  r0 = *(u32 *)(r10 - 8)
  r0 = 0
  exit
