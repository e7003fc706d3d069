; Branches that leave different values in a register nothing later depends on: the state is
; pruned anyway because that register is not precise.
; expect: accept
.prog xdp
  call bpf_get_prandom_u32
  if r0 > 10 goto a
  r6 = 1
  goto join
a:
  r6 = 2
join:
  r7 = 1
  r8 = 2
  r9 = 3
  r0 = 2
  exit
