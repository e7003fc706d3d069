; goto with a non-zero immediate (only gotol uses imm).
; expect: reject BPF_JA uses reserved fields
; patch: 1 imm=1
.prog socket_filter
  r0 = 0
  goto out
out:
  exit
