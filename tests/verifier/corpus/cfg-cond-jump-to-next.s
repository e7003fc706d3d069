; A conditional jump to the next instruction (offset 0) is harmless.
; expect: accept
.prog socket_filter
  r0 = 0
  if r0 == 0 goto next
next:
  exit
