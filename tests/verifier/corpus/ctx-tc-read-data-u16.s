; Packet pointer fields cannot be read narrower than u32.
; expect: reject invalid bpf_context access off=76 size=2
.prog sched_cls
  r0 = *(u16 *)(r1 + 76)
  r0 = 0
  exit
