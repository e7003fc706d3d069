; A 32-bit move into w10 writes the frame pointer too (patched from w9 = 1).
; expect: reject frame pointer is read only
; patch: 0 dst=10
.prog xdp
  w9 = 1
  r0 = 0
  exit
