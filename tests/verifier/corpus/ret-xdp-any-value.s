; XDP's return value is not range-checked by the verifier (unknown actions abort at run time).
; expect: accept
.prog xdp
  r0 = 1000
  exit
