; A load with a non-zero immediate.
; expect: reject BPF_LDX uses reserved fields
; patch: 0 imm=1
.prog socket_filter
  r0 = *(u32 *)(r1 + 0)
  exit
