; A jump from the main program into a subprogram's body.
; expect: reject jump out of range
.prog xdp
  call f
  if r0 == 0 goto inside
  r0 = 2
  exit
f:
  r0 = 1
inside:
  r0 = 0
  exit
