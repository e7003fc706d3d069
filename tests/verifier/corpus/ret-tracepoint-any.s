; Tracepoint programs may return anything.
; expect: accept
.prog tracepoint
  r0 = -5
  exit
