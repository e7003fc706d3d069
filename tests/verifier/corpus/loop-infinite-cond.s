; A loop whose condition never changes.
; expect: reject infinite loop detected
.prog xdp
  r1 = 0
  r0 = 2
l:
  r0 += 0
  if r1 == 0 goto l
  exit
