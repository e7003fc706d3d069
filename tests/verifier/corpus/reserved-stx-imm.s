; A register store with a non-zero immediate.
; expect: reject BPF_STX uses reserved fields
; patch: 1 imm=1
.prog socket_filter
  r0 = 0
  *(u64 *)(r10 - 8) = r0
  exit
