; Two branches that leave identical states join: whether the second arrival is pruned shows in
; the processed count.
; expect: accept
.prog xdp
  call bpf_get_prandom_u32
  r1 = 0
  if r0 > 10 goto a
  r1 = 0
  goto join
a:
  r1 = 0
join:
  r2 = 1
  r3 = 2
  r4 = 3
  r0 = 2
  exit
