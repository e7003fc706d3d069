; XDP may write the packet inside the proven range.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 6
  if r4 > r3 goto bad
  *(u32 *)(r2 + 0) = 0
  *(u16 *)(r2 + 4) = 0
bad:
  r0 = 2
  exit
