; A compare-with-immediate jump with a non-zero src register.
; expect: reject BPF_JMP/JMP32 uses reserved fields
; patch: 1 src=2
.prog socket_filter
  r0 = 0
  if r0 == 0 goto out
out:
  exit
