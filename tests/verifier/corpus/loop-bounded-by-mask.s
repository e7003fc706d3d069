; An unknown trip count masked to 0..15, counting up to it: bounded, so accepted.
; expect: accept
.prog xdp
  call bpf_get_prandom_u32
  r2 = r0
  r2 &= 15
  r1 = 0
l:
  if r1 >= r2 goto out
  r1 += 1
  goto l
out:
  r0 = 2
  exit
