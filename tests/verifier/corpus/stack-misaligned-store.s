; Stack accesses must be aligned to their size, even on x86-64.
; expect: reject misaligned stack access
.prog xdp
  *(u64 *)(r10 - 12) = 0
  r0 = 0
  exit
