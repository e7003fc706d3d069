; r0 += r1 (BPF_X) with a non-zero immediate.
; expect: reject BPF_ALU uses reserved fields
; patch: 2 imm=5
.prog socket_filter
  r0 = 0
  r1 = 1
  r0 += r1
  exit
