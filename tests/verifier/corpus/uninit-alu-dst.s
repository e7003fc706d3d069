; ALU on an uninitialised destination reads it first (r0 += 1 reads r0).
; expect: reject R0 !read_ok
.prog socket_filter
  r0 += 1
  exit
