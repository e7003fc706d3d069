; Shifting a pointer.
; expect: reject R1 pointer arithmetic with <<= operator prohibited
.prog socket_filter
  r1 <<= 1
  r0 = 0
  exit
