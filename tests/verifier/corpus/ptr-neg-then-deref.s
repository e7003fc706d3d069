; After negation the register is a scalar and cannot be dereferenced.
; expect: reject R1 invalid mem access 'scalar'
.prog xdp
  r1 = r10
  r1 = -r1
  r0 = *(u8 *)(r1 + 0)
  r0 = 2
  exit
