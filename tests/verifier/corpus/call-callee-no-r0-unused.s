; A subprogram exits without setting r0: fine while the caller does not read the result.
; expect: accept
.prog xdp
  call f
  r0 = 2
  exit
f:
  r1 = 0
  exit
