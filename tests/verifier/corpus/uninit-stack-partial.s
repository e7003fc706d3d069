; A u64 read of a slot only half written (u32 at fp-8): allowed for root, the value is unknown.
; expect: accept
.prog xdp
  *(u32 *)(r10 - 8) = 1
  r0 = *(u64 *)(r10 - 8)
  r0 &= 3
  exit
