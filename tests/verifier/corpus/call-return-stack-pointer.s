; A subprogram returns a pointer to its own stack frame.
; expect: reject
.prog xdp
  call f
  r0 = 2
  exit
f:
  r0 = r10
  r0 += -8
  exit
