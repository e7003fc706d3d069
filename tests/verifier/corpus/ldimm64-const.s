; A 64-bit immediate load is one instruction in two slots.
; expect: accept
.prog socket_filter
  r0 = 0x123456789abcdef0 ll
  r0 >>= 60
  exit
