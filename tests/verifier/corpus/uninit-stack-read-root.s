; Reading stack bytes nothing wrote: privileged loaders (root) may read uninitialised stack.
; expect: accept
.prog xdp
  r0 = *(u64 *)(r10 - 8)
  r0 = 0
  exit
