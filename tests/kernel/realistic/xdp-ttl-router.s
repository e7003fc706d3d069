; XDP router fast path: drops IPv4 packets whose TTL would expire (TTL <= 1) and otherwise
; decrements the TTL, updating the header checksum the way the kernel's ip_decrease_ttl does
; (add 0x0100 in network order, fold the carry). IPv6 gets its hop limit decremented (no
; checksum). Other frames pass untouched.
; Inputs: TTL 64, TTL 1, TTL 2 with DF set, IPv6 hop limit 1, IPv6 hop limit 255, ARP.
.prog xdp
; run: --packet eth/ipv4(ttl=64,src=10.1.1.1,dst=10.2.2.2)/udp
; run: --packet eth/ipv4(ttl=1)/tcp
; run: --packet eth/ipv4(ttl=2,flags=DF)/icmp
; run: --packet eth/ipv6(hlim=1)/udp
; run: --packet eth/ipv6(hlim=255)/tcp
; run: --packet eth/arp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 == 0xdd86 goto v6
  if r5 != 0x0008 goto pass
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u8 *)(r2 + 22)
  if r5 <= 1 goto drop
  r5 -= 1
  *(u8 *)(r2 + 22) = r5
  r5 = *(u16 *)(r2 + 24)
  r5 = be16 r5
  r5 += 0x0100
  r6 = r5
  r6 >>= 16
  r5 += r6
  r5 = be16 r5
  *(u16 *)(r2 + 24) = r5
  goto pass
v6:
  r4 = r2
  r4 += 54
  if r4 > r3 goto pass
  r5 = *(u8 *)(r2 + 21)
  if r5 <= 1 goto drop
  r5 -= 1
  *(u8 *)(r2 + 21) = r5
pass:
  r0 = 2
  exit
drop:
  r0 = 1
  exit
