; Socket filter keeping per-packet notes in cb[]: stores the length, the protocol and the
; pkt_type (which eth_type_trans derived from the destination MAC) in cb[0..2], reads them back,
; and keeps only unicast-to-us (PACKET_HOST) IPv4 packets, truncated to cb[0] - 4 bytes.
; Inputs: to the loopback MAC (00:00:00:00:00:00), to another host, to a multicast MAC.
.prog socket_filter
; run: --packet eth(dst=00:00:00:00:00:00)/ipv4/udp/payload(text=abcdefgh)
; run: --packet eth(dst=02:00:00:00:00:09)/ipv4/udp
; run: --packet eth(dst=01:00:5e:00:00:01)/ipv4(dst=224.0.0.1)/udp
  r2 = *(u32 *)(r1 + 0)
  *(u32 *)(r1 + 48) = r2
  r2 = *(u32 *)(r1 + 16)
  *(u32 *)(r1 + 52) = r2
  r2 = *(u32 *)(r1 + 4)
  *(u32 *)(r1 + 56) = r2
  r2 = *(u32 *)(r1 + 56)
  if r2 != 0 goto drop
  r2 = *(u32 *)(r1 + 52)
  if r2 != 0x0008 goto drop
  r0 = *(u32 *)(r1 + 48)
  r0 -= 4
  exit
drop:
  r0 = 0
  exit
