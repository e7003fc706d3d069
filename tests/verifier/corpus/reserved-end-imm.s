; A byte swap with an invalid width (imm 24).
; expect: reject BPF_END uses reserved fields
; patch: 1 imm=24
.prog socket_filter
  r0 = 1
  r0 = be16 r0
  exit
