; The canonical check: data + 14 > data_end jumps away, so 14 bytes are readable.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto drop
  r0 = *(u16 *)(r2 + 12)
  r0 = *(u8 *)(r2 + 13)
  r0 = 2
  exit
drop:
  r0 = 1
  exit
