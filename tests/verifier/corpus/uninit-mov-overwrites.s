; A plain move does not read its destination, so r0 = 5 initialises r0 without reading it.
; expect: accept
.prog socket_filter
  r0 = 5
  w3 = 7
  r0 += r3
  exit
