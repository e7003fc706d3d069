; store_release into the context is not allowed either.
; expect: reject BPF_ATOMIC stores into R1 ctx is not allowed
.prog sched_cls
  r2 = 1
  store_release((u32 *)(r1 + 8), w2)
  r0 = 0
  exit
