; bpf_skb_load_bytes into an 8-byte stack buffer with a constant length.
; expect: accept
.prog sched_cls
  r2 = 0
  r3 = r10
  r3 += -8
  r4 = 8
  call bpf_skb_load_bytes
  r0 = *(u64 *)(r10 - 8)
  r0 = 0
  exit
