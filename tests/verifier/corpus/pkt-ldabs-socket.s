; Socket filters read the packet with LD_ABS/LD_IND (r6 must hold the context).
; expect: accept
.prog socket_filter
  r6 = r1
  r0 = *(u8 *)skb[9]
  r7 = r0
  r0 = *(u16 *)skb[r7 + 2]
  r0 = -1
  exit
