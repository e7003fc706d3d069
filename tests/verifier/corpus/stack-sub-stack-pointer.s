; Subtracting a constant from a stack pointer copy (r1 -= 8) is refused even for root; only
; adding a negative constant makes a stack pointer.
; expect: reject R1 subtraction from stack pointer prohibited
.prog xdp
  r1 = r10
  r1 -= 8
  *(u64 *)(r1 + 0) = 0
  r0 = 0
  exit
