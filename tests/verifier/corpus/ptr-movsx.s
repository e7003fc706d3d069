; A sign-extending move of a pointer gives root an unknown scalar.
; expect: accept
.prog xdp
  r1 = (s32)r10
  r0 = 2
  exit
