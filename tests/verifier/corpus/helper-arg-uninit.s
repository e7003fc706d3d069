; bpf_redirect's second argument (flags) is never set.
; expect: reject R2 !read_ok
.prog xdp
  r1 = 1
  call bpf_redirect
  exit
