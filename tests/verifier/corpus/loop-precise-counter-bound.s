; A bounded loop whose counter is compared with a constant: the comparison's known outcomes make
; the counter precise, so iterations are not pruned against each other and the loop is walked
; to its bound (the processed count shows each iteration).
; expect: accept
.prog xdp
  r1 = 0
  r0 = 0
loop:
  r0 += 2
  r1 += 1
  if r1 < 6 goto loop
  r0 = 2
  exit
