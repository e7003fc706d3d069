; An instruction skipped by gotol is unreachable like one skipped by goto.
; expect: reject unreachable insn 2
.prog socket_filter
  r0 = 0
  gotol out
  r0 = 1
out:
  exit
