; A jump before the first instruction (offset patched to -5).
; expect: reject jump out of range from insn 1 to -3
; patch: 1 off=-5
.prog socket_filter
  r0 = 0
  goto out
out:
  exit
