; Socket filter for IPv6 neighbour discovery: accepts ICMPv6 neighbour solicitations and
; advertisements (types 135 and 136) that arrive with hop limit 255, as RFC 4861 requires;
; returns the whole length, or 0 to drop. Uses LD_ABS for every field.
; Inputs: a solicitation, an advertisement with hop limit 64 (forged), an echo request, IPv4.
.prog socket_filter
; run: --packet eth/ipv6(hlim=255,dst=ff02::1:ff00:1)/icmpv6(type=135,target=fe80::1)
; run: --packet eth/ipv6(hlim=64)/icmpv6(type=136,target=fe80::1)
; run: --packet eth/ipv6(hlim=255)/icmpv6(type=128)
; run: --packet eth/ipv4/icmp
  r6 = r1
  r0 = *(u32 *)(r6 + 16)
  if r0 != 0xdd86 goto drop
  r0 = *(u8 *)skb[6]
  if r0 != 58 goto drop
  r0 = *(u8 *)skb[7]
  if r0 != 255 goto drop
  r0 = *(u8 *)skb[40]
  if r0 < 135 goto drop
  if r0 > 136 goto drop
  r0 = *(u32 *)(r6 + 0)
  exit
drop:
  r0 = 0
  exit
