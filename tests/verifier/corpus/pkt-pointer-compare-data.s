; Comparing two packet pointers of the same packet is fine; it proves no range by itself.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r4 = r2
  r4 += 4
  r0 = 1
  if r4 > r2 goto out
  r0 = 2
out:
  exit
