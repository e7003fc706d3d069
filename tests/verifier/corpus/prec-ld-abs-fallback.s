; A legacy packet load's result decides a branch: backtracking cannot follow LD_ABS (-ENOTSUPP)
; and falls back to marking every scalar of every parent state precise.
; expect: accept
.prog socket_filter
  r6 = r1
  r7 = 1
  if r7 == 1 goto a
  r7 = 2
a:
  r0 = *(u8 *)skb[12]
  if r0 == 8 goto b
  r0 = 0
  exit
b:
  r0 = 1
  exit
