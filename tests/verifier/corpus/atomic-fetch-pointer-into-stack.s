; xchg of a pointer into a stack slot: atomics make the slot plain data and the old value comes
; back as a scalar.
; expect: accept
.prog xdp
  *(u64 *)(r10 - 8) = 0
  r1 = r10
  r1 = atomic_xchg((u64 *)(r10 - 8), r1)
  r0 = 2
  exit
