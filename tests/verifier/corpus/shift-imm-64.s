; A 64-bit shift by 64.
; expect: reject invalid shift 64
.prog socket_filter
  r0 = 1
  r0 <<= 64
  exit
