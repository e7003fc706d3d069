; cmpxchg compares with r0, so r0 must be initialised.
; expect: reject R0 !read_ok
.prog xdp
  *(u64 *)(r10 - 8) = 0
  r1 = 1
  r0 = atomic_cmpxchg((u64 *)(r10 - 8), r0, r1)
  r0 = 2
  exit
