; Signed division by an immediate zero.
; expect: reject div by zero
.prog socket_filter
  r0 = 10
  r0 s/= 0
  exit
