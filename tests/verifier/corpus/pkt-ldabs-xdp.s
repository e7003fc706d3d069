; LD_ABS exists only for skb program types, not for XDP.
; expect: reject
.prog xdp
  r6 = r1
  r0 = *(u8 *)skb[9]
  r0 = 2
  exit
