; pkt_end comparison form: `if data + N > data_end goto bad` (fall-through is in bounds).
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if r4 > r3 goto bad
  r0 = *(u64 *)(r2 + 0)
bad:
  r0 = 2
  exit
