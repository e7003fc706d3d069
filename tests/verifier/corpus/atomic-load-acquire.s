; load-acquire and store-release on the stack (Linux 6.15+).
; expect: accept
.prog xdp
  r1 = 5
  store_release((u64 *)(r10 - 8), r1)
  r0 = load_acquire((u64 *)(r10 - 8))
  r0 = 2
  exit
