; tc IPv6 flow labelling: IPv6 packets without a flow label get one derived from their ports
; ((sport ^ dport) & 0xfffff) written straight into the header (no checksum covers it). Labelled
; packets and IPv4 are left alone. Returns TC_ACT_OK.
; Inputs: unlabelled TCP, unlabelled UDP, an already labelled packet, IPv4.
.prog sched_cls
; run: --packet eth/ipv6(src=2001:db8::1,dst=2001:db8::2)/tcp(sport=40000,dport=443)
; run: --packet eth/ipv6/udp(sport=1000,dport=2000)
; run: --packet eth/ipv6(fl=12345)/tcp
; run: --packet eth/ipv4/tcp
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 58
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0xdd86 goto ok
  r5 = *(u32 *)(r2 + 14)
  r5 = be32 r5
  r6 = r5
  r6 &= 0xfffff
  if r6 != 0 goto ok
  r6 = *(u16 *)(r2 + 54)
  r7 = *(u16 *)(r2 + 56)
  r6 = be16 r6
  r7 = be16 r7
  r6 ^= r7
  r6 &= 0xfffff
  r5 |= r6
  r5 = be32 r5
  *(u32 *)(r2 + 14) = r5
ok:
  r0 = 0
  exit
