; The check proves 14 bytes but the program reads a u32 at offset 12 (bytes 12..15).
; expect: reject invalid access to packet, off=12 size=4, R2(id=0,off=12,r=14)
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto drop
  r0 = *(u32 *)(r2 + 12)
  r0 = 2
  exit
drop:
  r0 = 1
  exit
