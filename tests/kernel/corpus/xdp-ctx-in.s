; XDP with ctx_in: metadata in front of the packet (data_meta .. data), an ingress interface,
; and a packet with fragments (data_end before the end of data_in); r0 mixes what the program sees.
.prog xdp
; run: data=aabbccdd11223344020000000002020000000001080045000014000000004011000000000000000000000000 ctx=080000002c00000000000000010000000000000000000000
; run: data=020000000002020000000001080045000014000000004011000000000000000000000000 ctx=00000000200000000000000001000000000000000000000000
; run: data=020000000002020000000001080045000014000000004011000000000000000000000000
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = *(u32 *)(r1 + 8)
  r0 = r3
  r0 -= r2
  r5 = r2
  r5 -= r4
  r5 <<= 16
  r0 |= r5
  r5 = *(u32 *)(r1 + 12)
  r5 <<= 32
  r0 |= r5
  r6 = r4
  r6 += 4
  if r6 > r2 goto out
  r7 = *(u32 *)(r4 + 0)
  r7 <<= 40
  r0 ^= r7
  *(u32 *)(r4 + 0) = r0
out:
  exit
