; The callee reads r3, which the caller never set.
; expect: reject R3 !read_ok
.prog xdp
  r1 = 1
  call f
  r0 = 2
  exit
f:
  r0 = r3
  exit
