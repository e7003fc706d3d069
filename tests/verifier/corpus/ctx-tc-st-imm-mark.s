; A store-immediate (BPF_ST) into a writable context field.
; expect: accept
.prog sched_cls
  *(u32 *)(r1 + 8) = 5
  r0 = 0
  exit
