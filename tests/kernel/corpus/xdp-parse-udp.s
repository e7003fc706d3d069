; XDP: parse Ethernet, IPv4 (variable header length) and UDP; decrement the TTL, patch the IPv4
; checksum incrementally, swap the UDP ports; pass non-UDP traffic, drop malformed frames.
.prog xdp
; run: data=020000000002020000000001080045000020000100004011f9c80a0000010a00000204d2162e000c0000cafebabe
; run: data=02000000000202000000000108004600002400010000401100000a0000010a000002010203040035003500080000
; run: data=020000000002020000000001080045000014000100004006f9c80a0000010a000002
; run: data=0200000000020200000000010800450000
; run: data=0200000000020200000000010806000108000604000102000000000102
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto drop
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u8 *)(r2 + 14)
  r5 &= 15
  r5 <<= 2
  if r5 < 20 goto drop
  r6 = *(u8 *)(r2 + 23)
  if r6 != 17 goto pass
  r6 = r2
  r6 += 14
  r6 += r5
  r7 = r6
  r7 += 8
  if r7 > r3 goto drop
  r8 = *(u8 *)(r2 + 22)
  r8 += -1
  *(u8 *)(r2 + 22) = r8
  r8 = *(u16 *)(r2 + 24)
  r8 = be16 r8
  r8 += 0x100
  r9 = r8
  r9 >>= 16
  r8 += r9
  r8 &= 0xffff
  r8 = be16 r8
  *(u16 *)(r2 + 24) = r8
  r8 = *(u16 *)(r6 + 0)
  r9 = *(u16 *)(r6 + 2)
  *(u16 *)(r6 + 0) = r9
  *(u16 *)(r6 + 2) = r8
  r0 = 3
  exit
pass:
  r0 = 2
  exit
drop:
  r0 = 1
  exit
