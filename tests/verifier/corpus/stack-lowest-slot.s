; The lowest stack slot, fp-512, is usable.
; expect: accept
.prog xdp
  *(u64 *)(r10 - 512) = 1
  r0 = *(u64 *)(r10 - 512)
  exit
