; `if data + N >= data_end goto bad`: the fall-through knows data + N < data_end, so N + 1
; bytes are readable (a u8 at offset N is fine).
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if r4 >= r3 goto bad
  r0 = *(u8 *)(r2 + 8)
bad:
  r0 = 2
  exit
