; A zero length for an argument that does not allow zero (bpf_skb_load_bytes' len).
; expect: reject
.prog sched_cls
  r2 = 0
  r3 = r10
  r3 += -8
  r4 = 0
  call bpf_skb_load_bytes
  r0 = 0
  exit
