; data_end - data: subtracting two pointers gives a scalar (the packet length) for root.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r3 -= r2
  r0 = 2
  if r3 > 100 goto out
  r0 = 1
out:
  exit
