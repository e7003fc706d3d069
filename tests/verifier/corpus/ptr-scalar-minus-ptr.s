; A scalar minus a pointer is refused.
; expect: reject R0 tried to subtract pointer from scalar
.prog xdp
  r0 = 0
  r0 -= r10
  r0 = 2
  exit
