; An atomic add through a scalar.
; expect: reject R1 invalid mem access 'scalar'
.prog xdp
  r1 = 0
  r2 = 1
  lock *(u64 *)(r1 + 0) += r2
  r0 = 2
  exit
