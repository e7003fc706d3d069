; __sk_buff.data cannot be written.
; expect: reject invalid bpf_context access off=76 size=4
.prog sched_cls
  r2 = 0
  *(u32 *)(r1 + 76) = r2
  r0 = 0
  exit
