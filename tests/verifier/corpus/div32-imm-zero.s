; 32-bit division by an immediate zero.
; expect: reject div by zero
.prog socket_filter
  w0 = 10
  w0 /= 0
  exit
