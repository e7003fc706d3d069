; A loop of 600000 iterations: more than 1,000,000 processed instructions.
; expect: reject BPF program is too large. Processed 1000001 insn
.prog xdp
  r1 = 0
l:
  r1 += 1
  if r1 < 600000 goto l
  r0 = 2
  exit
