; A loop of 20000 iterations: many processed instructions, still under the limit.
; expect: accept
.prog xdp
  r1 = 0
l:
  r1 += 1
  if r1 < 20000 goto l
  r0 = 2
  exit
