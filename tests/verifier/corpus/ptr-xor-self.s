; XOR of a pointer with itself: two pointer operands, refused as pointer-op-pointer.
; expect: reject R1 pointer ^= pointer prohibited
.prog xdp
  r1 = r10
  r1 ^= r1
  r0 = 2
  exit
