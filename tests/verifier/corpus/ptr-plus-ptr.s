; Adding two pointers is refused.
; expect: reject R1 pointer += pointer prohibited
.prog socket_filter
  r2 = r10
  r1 += r2
  r0 = 0
  exit
