; 256 bytes in each of two frames is exactly 512: allowed.
; expect: accept
.prog xdp
  *(u64 *)(r10 - 256) = 0
  call f
  r0 = 2
  exit
f:
  *(u64 *)(r10 - 256) = 0
  r0 = 0
  exit
