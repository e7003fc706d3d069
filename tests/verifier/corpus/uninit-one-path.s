; r2 is written on one path only; the other path reads it uninitialised.
; expect: reject R2 !read_ok
.prog xdp
  call bpf_get_prandom_u32
  if r0 > 5 goto skip
  r2 = 1
skip:
  r0 = r2
  exit
