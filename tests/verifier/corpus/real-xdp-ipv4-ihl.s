; Realistic XDP: parse a variable-length IPv4 header and read the UDP destination port.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u8 *)(r2 + 14)
  r5 &= 15
  if r5 < 5 goto drop
  r5 <<= 2
  r6 = r2
  r6 += 14
  r6 += r5
  r7 = r6
  r7 += 8
  if r7 > r3 goto drop
  r0 = *(u16 *)(r6 + 2)
  r0 = be16 r0
  if r0 == 7 goto drop
pass:
  r0 = 2
  exit
drop:
  r0 = 1
  exit
