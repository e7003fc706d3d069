; Socket filters return a byte count; any value is accepted.
; expect: accept
.prog socket_filter
  r0 = -1
  exit
