; A destination register number 12 (there are only r0-r10).
; expect: reject R12 is invalid
; patch: 0 dst=12
.prog socket_filter
  r0 = 0
  exit
