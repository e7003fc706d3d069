; Exit without setting r0: the return value is read at exit.
; expect: reject R0 !read_ok
.prog xdp
  r1 = 0
  exit
