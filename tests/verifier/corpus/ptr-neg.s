; Negating a pointer turns it into an unknown scalar for root.
; expect: accept
.prog xdp
  r1 = r10
  r1 = -r1
  r0 = 2
  exit
