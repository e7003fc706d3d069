; A jump past the end of the program (offset patched to +100).
; expect: reject jump out of range from insn 1 to 102
; patch: 1 off=100
.prog socket_filter
  r0 = 0
  if r0 == 0 goto out
out:
  exit
