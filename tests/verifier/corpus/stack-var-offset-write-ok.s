; A variable-offset stack write inside the stack is allowed for root.
; expect: accept
.prog xdp
  call bpf_get_prandom_u32
  r0 &= 24
  r1 = r10
  r1 += -32
  r1 += r0
  *(u64 *)(r1 + 0) = 0
  r0 = 0
  exit
