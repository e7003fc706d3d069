; Realistic socket filter: keep IPv4 TCP packets (whole), drop everything else, with LD_ABS.
; expect: accept
.prog socket_filter
  r6 = r1
  r0 = *(u8 *)skb[0]
  r0 >>= 4
  if r0 != 4 goto drop
  r0 = *(u8 *)skb[9]
  if r0 != 6 goto drop
  r0 = -1
  exit
drop:
  r0 = 0
  exit
