; A context pointer moved by a constant cannot be dereferenced (accesses must use r1 + off).
; expect: reject dereference of modified ctx ptr R1 off=4 disallowed
.prog xdp
  r1 += 4
  r0 = *(u32 *)(r1 + 0)
  r0 = 2
  exit
