; bpf_xdp_adjust_head is an XDP helper; tc programs cannot call it.
; expect: reject program of this type cannot use helper bpf_xdp_adjust_head#44
.prog sched_cls
  r2 = 0
  call bpf_xdp_adjust_head
  r0 = 0
  exit
