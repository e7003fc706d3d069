; Summing the first 8 packet bytes in a loop, each step checked against data_end.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r0 = 0
  r4 = 0
l:
  r5 = r2
  r5 += 1
  if r5 > r3 goto out
  r6 = *(u8 *)(r2 + 0)
  r0 += r6
  r2 = r5
  r4 += 1
  if r4 < 8 goto l
out:
  r0 = 2
  exit
