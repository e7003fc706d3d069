; 32-bit arithmetic on a stack pointer.
; expect: reject R1 32-bit pointer arithmetic prohibited
.prog xdp
  r1 = r10
  w1 += -8
  r0 = 2
  exit
