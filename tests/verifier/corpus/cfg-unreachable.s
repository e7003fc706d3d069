; Instructions after the only exit that nothing jumps to.
; expect: reject unreachable insn 2
.prog socket_filter
  r0 = 0
  exit
  r0 = 1
  exit
