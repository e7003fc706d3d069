; A loop counting to 10: bounded loops are allowed (each iteration is verified).
; expect: accept
.prog xdp
  r1 = 0
  r0 = 0
loop:
  r0 += r1
  r1 += 1
  if r1 < 10 goto loop
  r0 = 2
  exit
