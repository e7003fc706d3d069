; pkt_end comparison form: `if data_end > data + N goto ok` (strict: N + 1 bytes... the taken
; branch knows data + N < data_end).
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if r3 > r4 goto ok
  r0 = 1
  exit
ok:
  r0 = *(u8 *)(r2 + 8)
  r0 = 2
  exit
