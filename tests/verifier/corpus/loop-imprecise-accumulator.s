; A loop with an unknown bound that adds to a register no check uses: the accumulator stays
; imprecise, and the back-edge state is pruned against the loop head's checkpoint once the
; counter's range stops changing (may_goto bounds the walk).
; expect: accept
.prog xdp
  r6 = 0
  r7 = 0
loop:
  may_goto out
  r6 += 3
  r7 += 1
  goto loop
out:
  r0 = 2
  exit
