; A packet pointer moved 64 KiB forward: beyond any packet.
; expect: reject
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r2 += 0x10000
  r4 = r2
  r4 += 1
  if r4 > r3 goto bad
  r0 = *(u8 *)(r2 + 0)
bad:
  r0 = 2
  exit
