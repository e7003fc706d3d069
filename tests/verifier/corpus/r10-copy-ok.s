; Copying r10 and offsetting the copy is the normal way to make a stack pointer.
; expect: accept
.prog xdp
  r1 = r10
  r1 += -16
  *(u64 *)(r1 + 0) = 7
  r0 = *(u64 *)(r1 + 0)
  r0 = 0
  exit
