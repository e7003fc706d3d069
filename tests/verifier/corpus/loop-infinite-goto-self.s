; `goto` to itself: the same state comes back at once.
; expect: reject infinite loop detected at insn 1
.prog xdp
  r0 = 0
l:
  goto l
