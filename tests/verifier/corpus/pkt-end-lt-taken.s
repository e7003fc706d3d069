; pkt_end comparison form: `if data + N < data_end goto ok`.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if r4 < r3 goto ok
  r0 = 1
  exit
ok:
  r0 = *(u64 *)(r2 + 0)
  r0 = 2
  exit
