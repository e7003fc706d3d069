; 32-bit ALU on an uninitialised destination register.
; expect: reject R7 !read_ok
.prog socket_filter
  w7 |= 3
  r0 = 0
  exit
