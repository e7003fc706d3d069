; XDP returning a pointer: privileged programs may (no leak check), and there is no range check.
; expect: accept
.prog xdp
  r0 = r10
  exit
