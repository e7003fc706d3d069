; LD_ABS takes the context implicitly from r6; here r6 was never set.
; expect: reject
.prog socket_filter
  r0 = *(u8 *)skb[9]
  r0 = 0
  exit
