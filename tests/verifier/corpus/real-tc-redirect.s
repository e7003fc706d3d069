; Realistic tc: redirect every packet to interface 1 (egress).
; expect: accept
.prog sched_cls
  r1 = 1
  r2 = 0
  call bpf_redirect
  exit
