; An arithmetic shift by a negative immediate.
; expect: reject invalid shift -1
.prog socket_filter
  r0 = 1
  r0 s>>= -1
  exit
