; XDP filter for IPv6: drops UDP packets to port 53 (DNS) that arrive over IPv6 and passes the
; rest. Only a UDP header right after the fixed IPv6 header counts (no extension headers).
; Inputs: DNS over IPv6, NTP over IPv6, DNS over IPv4, IPv6 with a hop-by-hop header, ICMPv6.
.prog xdp
; run: --packet eth/ipv6(src=2001:db8::1,dst=2001:db8::53)/udp(dport=53)/payload(hex=00010100)
; run: --packet eth/ipv6/udp(dport=123)
; run: --packet eth/ipv4/udp(dport=53)
; run: --packet eth/ipv6/hbh/udp(dport=53)
; run: --packet eth/ipv6/icmpv6
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 54
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  r5 = be16 r5
  if r5 != 0x86dd goto pass
  r5 = *(u8 *)(r2 + 20)
  if r5 != 17 goto pass
  r4 = r2
  r4 += 62
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 56)
  r5 = be16 r5
  if r5 != 53 goto pass
  r0 = 1
  exit
pass:
  r0 = 2
  exit
