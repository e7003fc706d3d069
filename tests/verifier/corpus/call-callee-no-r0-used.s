; A subprogram exits without setting r0 and the caller reads the result.
; expect: reject R0 !read_ok
.prog xdp
  call f
  r0 += 2
  exit
f:
  r1 = 0
  exit
