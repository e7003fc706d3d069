; Reading a register nothing has written: r2 is not initialised at program start.
; expect: reject R2 !read_ok
.prog xdp
  r0 = r2
  exit
