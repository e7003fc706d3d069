; Classic socket filter (as tcpdump 'tcp port 80' compiles, in eBPF): with LD_ABS/LD_IND it
; accepts IPv4 TCP segments with source or destination port 80, unfragmented, keeping up to
; 262144 bytes; everything else is dropped (0).
; Inputs: to port 80, from port 80, to 8080, a fragment to port 80, UDP to 80.
.prog socket_filter
; run: --packet eth/ipv4/tcp(sport=40000,dport=80)
; run: --packet eth/ipv4/tcp(sport=80,dport=40000)/payload(text=hi)
; run: --packet eth/ipv4/tcp(dport=8080)
; run: --packet eth/ipv4(frag=10)/tcp(dport=80)
; run: --packet eth/ipv4/udp(dport=80)
  r6 = r1
  r0 = *(u32 *)(r6 + 16)
  if r0 != 0x0008 goto drop
  r0 = *(u8 *)skb[9]
  if r0 != 6 goto drop
  r0 = *(u16 *)skb[6]
  r0 &= 0x1fff
  if r0 != 0 goto drop
  r0 = *(u8 *)skb[0]
  r0 &= 15
  r0 <<= 2
  r7 = r0
  r0 = *(u16 *)skb[r7 + 0]
  if r0 == 80 goto keep
  r0 = *(u16 *)skb[r7 + 2]
  if r0 == 80 goto keep
drop:
  r0 = 0
  exit
keep:
  r0 = 262144
  exit
