; r0 = -r0 with a non-zero src register.
; expect: reject BPF_NEG uses reserved fields
; patch: 1 src=1
.prog socket_filter
  r0 = 1
  r0 = -r0
  exit
