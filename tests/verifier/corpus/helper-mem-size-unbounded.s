; A length in [0, 4G) for a buffer argument that may not be empty: zero is the first problem.
; expect: reject R4 invalid zero-sized read: u64=[0,4294967295]
.prog sched_cls
  r6 = r1
  call bpf_get_prandom_u32
  w4 = w0
  r1 = r6
  r2 = 0
  r3 = r10
  r3 += -16
  call bpf_skb_load_bytes
  r0 = 0
  exit
