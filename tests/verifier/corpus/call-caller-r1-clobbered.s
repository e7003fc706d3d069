; A call clobbers r1-r5 in the caller, like a helper call.
; expect: reject R1 !read_ok
.prog xdp
  r1 = 1
  call f
  r0 = r1
  exit
f:
  r0 = 0
  exit
