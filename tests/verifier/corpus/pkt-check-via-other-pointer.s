; A check done on a copy (r5 = r2 + 20) gives the range to every packet pointer with the same id.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r5 = r2
  r5 += 20
  if r5 > r3 goto bad
  r6 = r2
  r6 += 4
  r0 = *(u32 *)(r6 + 12)
bad:
  r0 = 2
  exit
