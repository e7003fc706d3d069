; Subtracting two stack pointers gives a scalar for root.
; expect: accept
.prog xdp
  r1 = r10
  r1 += -16
  r2 = r10
  r2 -= r1
  r0 = r2
  r0 = 2
  exit
