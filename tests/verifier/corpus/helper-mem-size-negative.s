; A length that may be negative.
; expect: reject R4 min value is negative, either use unsigned or 'var &= const'
.prog sched_cls
  r6 = r1
  call bpf_get_prandom_u32
  r4 = r0
  r4 &= 15
  r4 -= 4
  r1 = r6
  r2 = 0
  r3 = r10
  r3 += -16
  call bpf_skb_load_bytes
  r0 = 0
  exit
