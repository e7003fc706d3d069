; Atomic operations on packet memory are not allowed.
; expect: reject BPF_ATOMIC stores into R2 pkt is not allowed
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if r4 > r3 goto bad
  r5 = 1
  lock *(u64 *)(r2 + 0) += r5
bad:
  r0 = 2
  exit
