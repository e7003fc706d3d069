; r0 += 1 with a non-zero offset field.
; expect: reject BPF_ALU uses reserved fields
; patch: 1 off=1
.prog socket_filter
  r0 = 0
  r0 += 1
  exit
