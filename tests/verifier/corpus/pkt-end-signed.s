; A signed comparison against data_end proves no range.
; expect: reject invalid access to packet
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if r4 s> r3 goto out
  r0 = *(u8 *)(r2 + 0)
out:
  r0 = 2
  exit
