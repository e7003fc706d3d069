; Comparing two pointers is fine for root.
; expect: accept
.prog xdp
  r2 = r10
  r2 += -8
  r0 = 2
  if r2 > r10 goto out
  r0 = 1
out:
  exit
