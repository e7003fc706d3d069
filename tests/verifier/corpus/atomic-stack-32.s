; 32-bit atomics: and, or, xor and fetch variants.
; expect: accept
.prog xdp
  *(u32 *)(r10 - 4) = 0
  w1 = 6
  lock *(u32 *)(r10 - 4) |= w1
  lock *(u32 *)(r10 - 4) &= w1
  lock *(u32 *)(r10 - 4) ^= w1
  w1 = atomic_fetch_or((u32 *)(r10 - 4), w1)
  r0 = 2
  exit
