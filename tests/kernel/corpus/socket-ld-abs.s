; Socket filter: legacy LD_ABS/LD_IND loads (big-endian, relative to the network header since the
; Ethernet header is already pulled), the IPv4 header length via LD_IND, and the byte count kept.
.prog socket_filter
; run: data=ffffffffffff0200000000010800450000200001000040110000c0a80001c0a8000204d20035000c0000cafebabe
; run: data=ffffffffffff0200000000010800460000240001000040110000c0a80001c0a80002010203040035003500100000
  r6 = r1
  r0 = *(u8 *)skb[9]
  if r0 != 17 goto drop
  r0 = *(u8 *)skb[0]
  r0 &= 15
  r0 <<= 2
  r7 = r0
  r0 = *(u16 *)skb[r7 + 2]
  r8 = r0
  r0 = *(u32 *)skb[12]
  r8 <<= 32
  r8 |= r0
  r0 = *(u16 *)skb[r7 + 0]
  r8 ^= r0
  r0 = r8
  exit
drop:
  r0 = 0
  exit
