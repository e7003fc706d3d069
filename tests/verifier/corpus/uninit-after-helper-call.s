; A helper call clobbers r1-r5: reading r1 after the call is reading an uninitialised register.
; expect: reject R1 !read_ok
.prog xdp
  call bpf_get_prandom_u32
  r0 = r1
  exit
