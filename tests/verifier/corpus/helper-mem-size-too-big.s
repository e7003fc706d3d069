; The length (16) is larger than the stack buffer (8 bytes at fp-8).
; expect: reject invalid write to stack R3 off=-8 size=16
.prog sched_cls
  r2 = 0
  r3 = r10
  r3 += -8
  r4 = 16
  call bpf_skb_load_bytes
  r0 = 0
  exit
