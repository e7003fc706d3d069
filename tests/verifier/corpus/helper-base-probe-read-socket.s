; bpf_probe_read_kernel is in the base helper set for CAP_PERFMON loaders: socket filters may
; call it.
; expect: accept
.prog socket_filter
  r1 = r10
  r1 += -8
  r2 = 8
  r3 = 0
  call bpf_probe_read_kernel
  r0 = 0
  exit
