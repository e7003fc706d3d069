; Two paths leave different constants in a register that no check ever depends on: the second
; path reaches the join point's checkpoint with an imprecise difference and is pruned there.
; expect: accept
.prog xdp
  call bpf_get_prandom_u32
  r7 = 1
  if r0 > 100 goto a
  r7 = 2
  r2 = 1
  r3 = 2
  r4 = 3
  r5 = 4
  r8 = 5
  goto a
a:
  r0 = 0
  r1 = r10
  r1 += -8
  *(u64 *)(r1 + 0) = r7
  r0 = 2
  exit
