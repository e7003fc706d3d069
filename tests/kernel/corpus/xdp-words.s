; XDP: unaligned loads of every width from the packet, sign-extending packet loads (cpu v4),
; stores of immediates and registers back into it; the packet is returned in data_out.
.prog xdp
; run: data=00112233445566778899aabbccddeeff102132435465768798a9bacbdcedfe0f
  r0 = 0
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 32
  if r4 > r3 goto out
  r0 = *(u64 *)(r2 + 3)
  r5 = *(u32 *)(r2 + 13)
  r0 ^= r5
  r5 = *(s16 *)(r2 + 9)
  r0 += r5
  r5 = *(s8 *)(r2 + 31)
  r0 += r5
  *(u64 *)(r2 + 17) = r0
  *(u32 *)(r2 + 1) = -1
  *(u16 *)(r2 + 6) = 0x1234
  *(u8 *)(r2 + 30) = r5
  r6 = *(u32 *)(r1 + 12)
  r0 += r6
  r6 = *(u32 *)(r1 + 16)
  r0 += r6
  r6 = *(u32 *)(r1 + 8)
  r6 -= r2
  r0 += r6
out:
  exit
