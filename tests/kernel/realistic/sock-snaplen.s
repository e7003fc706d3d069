; Socket filter with a snap length: keeps at most the first 64 bytes of IPv4 and IPv6 packets
; (returns min(skb->len, 64)) and drops everything else (0), as a capture socket would.
; Inputs: a long IPv4 packet, a short IPv6 packet, ARP.
.prog socket_filter
; run: --packet eth/ipv4/udp/payload(hex=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f)
; run: --packet eth/ipv6/icmpv6
; run: --packet eth/arp
  r2 = *(u32 *)(r1 + 16)
  if r2 == 0x0008 goto ip
  if r2 != 0xdd86 goto drop
ip:
  r0 = *(u32 *)(r1 + 0)
  if r0 <= 64 goto out
  r0 = 64
out:
  exit
drop:
  r0 = 0
  exit
