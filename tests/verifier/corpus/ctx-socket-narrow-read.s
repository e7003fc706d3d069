; Narrow (u8, u16) reads of __sk_buff fields are allowed at their start for skb types.
; expect: accept
.prog socket_filter
  r0 = *(u8 *)(r1 + 0)
  r2 = *(u16 *)(r1 + 16)
  r0 += r2
  exit
