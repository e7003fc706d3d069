; Dividing a scalar by a pointer register.
; expect: reject
.prog socket_filter
  r0 = 10
  r0 /= r1
  exit
