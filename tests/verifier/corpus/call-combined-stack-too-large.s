; 320 bytes in the caller plus 320 in the callee exceed the 512-byte combined stack limit.
; expect: reject combined stack size of 2 calls is
.prog xdp
  *(u64 *)(r10 - 320) = 0
  call f
  r0 = 2
  exit
f:
  *(u64 *)(r10 - 320) = 0
  r0 = 0
  exit
