; Bitwise operators on pointers are prohibited (masking a stack pointer).
; expect: reject R1 bitwise operator &= on pointer prohibited
.prog xdp
  r1 = r10
  r1 &= -8
  r0 = 2
  exit
