; pkt_end comparison form: `if data_end <= data + N goto bad` (the fall-through knows
; data + N < data_end).
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if r3 <= r4 goto bad
  r0 = *(u64 *)(r2 + 0)
bad:
  r0 = 2
  exit
