; bpf_get_stack with a size bounded to 8..64 by checks.
; expect: accept
.prog kprobe
  r6 = r1
  call bpf_get_prandom_u32
  r3 = r0
  if r3 > 64 goto out
  if r3 < 8 goto out
  r1 = r6
  r2 = r10
  r2 += -64
  r4 = 0
  call bpf_get_stack
out:
  r0 = 0
  exit
