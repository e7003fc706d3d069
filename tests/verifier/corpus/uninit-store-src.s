; Storing an uninitialised register to the stack.
; expect: reject R4 !read_ok
.prog xdp
  *(u64 *)(r10 - 8) = r4
  r0 = 0
  exit
