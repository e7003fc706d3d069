; XDP ping responder: answers IPv4 ICMP echo requests from the driver. Swaps the MAC and IP
; addresses, turns the type from 8 (request) into 0 (reply), updates the ICMP checksum
; incrementally (RFC 1624: ~(~csum + ~old + new)) and bounces the frame with XDP_TX.
; Inputs: an echo request with a payload, an echo reply (passed), UDP (passed), IPv4 with options.
.prog xdp
; run: --packet eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02)/ipv4(src=10.0.0.1,dst=10.0.0.2)/icmp(type=8,id=7,seq=1)/payload(text=abcdefgh)
; run: --packet eth/ipv4/icmp(type=0)
; run: --packet eth/ipv4/udp
; run: --packet eth/ipv4(options=[ra:0])/icmp(type=8)
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 42
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u8 *)(r2 + 14)
  if r5 != 0x45 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 1 goto pass
  r5 = *(u8 *)(r2 + 34)
  if r5 != 8 goto pass
  r5 = *(u32 *)(r2 + 0)
  r6 = *(u16 *)(r2 + 4)
  r7 = *(u32 *)(r2 + 6)
  r8 = *(u16 *)(r2 + 10)
  *(u32 *)(r2 + 0) = r7
  *(u16 *)(r2 + 4) = r8
  *(u32 *)(r2 + 6) = r5
  *(u16 *)(r2 + 10) = r6
  r5 = *(u32 *)(r2 + 26)
  r6 = *(u32 *)(r2 + 30)
  *(u32 *)(r2 + 26) = r6
  *(u32 *)(r2 + 30) = r5
  r5 = *(u16 *)(r2 + 36)
  r5 ^= 0xffff
  r6 = *(u16 *)(r2 + 34)
  r7 = r6
  r6 ^= 0xffff
  r5 += r6
  r7 &= 0xff00
  r5 += r7
  r6 = r5
  r6 >>= 16
  r5 &= 0xffff
  r5 += r6
  r6 = r5
  r6 >>= 16
  r5 += r6
  r5 ^= 0xffff
  *(u16 *)(r2 + 36) = r5
  *(u8 *)(r2 + 34) = 0
  r0 = 3
  exit
pass:
  r0 = 2
  exit
