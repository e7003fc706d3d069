; data_meta compared against data_end instead of data proves nothing about the metadata.
; expect: reject
.prog xdp
  r2 = *(u32 *)(r1 + 8)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 4
  if r4 > r3 goto bad
  r0 = *(u32 *)(r2 + 0)
bad:
  r0 = 2
  exit
