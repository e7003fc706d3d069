; bpf_redirect from XDP returns the action to use.
; expect: accept
.prog xdp
  r1 = 1
  r2 = 0
  call bpf_redirect
  exit
