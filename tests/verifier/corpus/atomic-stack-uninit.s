; An atomic add on stack nothing wrote: root may read uninitialised stack, atomics included.
; expect: accept
.prog xdp
  r1 = 1
  lock *(u64 *)(r10 - 8) += r1
  r0 = 2
  exit
