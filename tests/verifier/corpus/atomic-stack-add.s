; Atomic add, fetch-add, xchg and cmpxchg on an initialised stack slot.
; expect: accept
.prog xdp
  *(u64 *)(r10 - 8) = 0
  r1 = 1
  lock *(u64 *)(r10 - 8) += r1
  r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)
  r1 = atomic_xchg((u64 *)(r10 - 8), r1)
  r0 = 0
  r0 = atomic_cmpxchg((u64 *)(r10 - 8), r0, r1)
  r0 = 2
  exit
