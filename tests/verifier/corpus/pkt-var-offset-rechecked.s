; A variable offset (IPv4 header length) added to a packet pointer, then checked again before use.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto bad
  r5 = *(u8 *)(r2 + 14)
  r5 &= 15
  r5 <<= 2
  r6 = r2
  r6 += 14
  r6 += r5
  r7 = r6
  r7 += 8
  if r7 > r3 goto bad
  r0 = *(u16 *)(r6 + 2)
bad:
  r0 = 2
  exit
