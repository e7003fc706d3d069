; A length in [1, 4G) for a buffer argument: not zero, but unbounded.
; expect: reject R4 unbounded memory access, use 'var &= const' or 'if (var < const)'
.prog sched_cls
  r6 = r1
  call bpf_get_prandom_u32
  w4 = w0
  r4 |= 1
  r1 = r6
  r2 = 0
  r3 = r10
  r3 += -16
  call bpf_skb_load_bytes
  r0 = 0
  exit
