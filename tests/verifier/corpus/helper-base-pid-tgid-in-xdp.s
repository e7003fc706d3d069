; bpf_get_current_pid_tgid is in the base helper set for privileged loaders: XDP may call it.
; expect: accept
.prog xdp
  call bpf_get_current_pid_tgid
  r0 = 2
  exit
