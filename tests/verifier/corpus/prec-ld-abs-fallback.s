; A legacy packet load's result decides a branch: backtracking cannot follow LD_ABS (-ENOTSUPP)
; and falls back to marking every scalar of every parent state precise.
; expect: accept
.prog socket_filter
  r6 = r1
  r7 = 1
  r9 = 7
  call bpf_get_prandom_u32
  r8 = r0
  r2 = 3
  if r8 > 9 goto a
  r7 = 2
  r2 = 4
a:
  r0 = *(u8 *)skb[12]
  r0 &= 1
  if r0 > 1 goto b
  r0 = 0
  exit
b:
  r0 = 1
  exit
