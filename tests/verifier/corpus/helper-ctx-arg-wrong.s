; bpf_skb_load_bytes wants the context in r1; a stack pointer is passed.
; expect: reject R1 type=fp expected=ctx
.prog sched_cls
  r1 = r10
  r2 = 0
  r3 = r10
  r3 += -8
  r4 = 8
  call bpf_skb_load_bytes
  r0 = 0
  exit
