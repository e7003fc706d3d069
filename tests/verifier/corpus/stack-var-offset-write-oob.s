; A variable-offset stack write whose largest offset reaches above the frame pointer.
; expect: reject invalid variable-offset write to stack R1
.prog xdp
  call bpf_get_prandom_u32
  r0 &= 24
  r1 = r10
  r1 += -16
  r1 += r0
  *(u64 *)(r1 + 0) = 0
  r0 = 0
  exit
