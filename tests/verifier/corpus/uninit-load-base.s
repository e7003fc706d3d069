; Loading through an uninitialised base register.
; expect: reject R5 !read_ok
.prog xdp
  r0 = *(u64 *)(r5 + 0)
  exit
