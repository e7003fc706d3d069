; Multiplying a pointer is prohibited.
; expect: reject R1 pointer arithmetic with *= operator prohibited
.prog xdp
  r1 = r10
  r1 *= 2
  r0 = 2
  exit
