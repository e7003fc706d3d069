; bpf_get_current_comm is a base helper for privileged (CAP_PERFMON) loaders in 6.18: even tc
; programs may call it.
; expect: accept
.prog sched_cls
  r1 = r10
  r1 += -16
  r2 = 16
  call bpf_get_current_comm
  r0 = 0
  exit
