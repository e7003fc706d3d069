; A store-immediate with a non-zero src register.
; expect: reject BPF_ST uses reserved fields
; patch: 0 src=1
.prog socket_filter
  *(u64 *)(r10 - 8) = 0
  r0 = 0
  exit
