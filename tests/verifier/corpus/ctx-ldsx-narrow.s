; A narrow sign-extending load (s8) of __sk_buff.mark.
; expect: accept
.prog socket_filter
  r0 = *(s8 *)(r1 + 8)
  exit
