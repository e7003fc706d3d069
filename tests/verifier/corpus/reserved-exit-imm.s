; exit with a non-zero immediate.
; expect: reject BPF_EXIT uses reserved fields
; patch: 1 imm=1
.prog socket_filter
  r0 = 0
  exit
