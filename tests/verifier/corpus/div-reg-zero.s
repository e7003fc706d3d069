; Division by a register that is zero is allowed (the result is 0 at run time).
; expect: accept
.prog socket_filter
  r0 = 10
  r1 = 0
  r0 /= r1
  r2 = 7
  r2 %= r1
  exit
