; Division by an immediate zero is rejected when the program is checked.
; expect: reject div by zero
.prog socket_filter
  r0 = 10
  r0 /= 0
  exit
