; r0 = 0 with a non-zero src register field (BPF_K moves must have src 0).
; expect: reject BPF_MOV uses reserved fields
; patch: 0 src=1
.prog socket_filter
  r0 = 0
  exit
