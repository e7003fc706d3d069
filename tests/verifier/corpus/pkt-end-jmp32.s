; A 32-bit comparison against data_end proves no range either.
; expect: reject
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if w4 > w3 goto bad
  r0 = *(u8 *)(r2 + 0)
bad:
  r0 = 2
  exit
