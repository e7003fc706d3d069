; A variable length masked to 0..15, plus one, into a 16-byte buffer (bpf_skb_load_bytes needs
; len > 0, hence the range 1..16).
; expect: accept
.prog sched_cls
  r6 = r1
  call bpf_get_prandom_u32
  r4 = r0
  r4 &= 15
  r4 += 1
  r1 = r6
  r2 = 0
  r3 = r10
  r3 += -16
  call bpf_skb_load_bytes
  r0 = 0
  exit
