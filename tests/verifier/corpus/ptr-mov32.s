; A 32-bit move of a pointer gives root an unknown scalar, not a pointer.
; expect: reject R1 invalid mem access 'scalar'
.prog xdp
  w1 = w10
  r0 = *(u8 *)(r1 - 8)
  r0 = 2
  exit
