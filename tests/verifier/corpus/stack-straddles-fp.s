; A u64 store at fp-4 runs 4 bytes past the top of the stack (and is misaligned).
; expect: reject
.prog xdp
  *(u64 *)(r10 - 4) = 0
  r0 = 0
  exit
