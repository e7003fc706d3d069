; A jump that lands on the second slot of an ld_imm64 (offset patched from +2 to +1).
; expect: reject
; patch: 1 off=1
.prog socket_filter
  r0 = 0
  if r0 == 0 goto out
  r0 = 1 ll
out:
  exit
