; A sign-extending load (ldsx) of the packet pointer field data_end: pointer fields cannot be
; loaded sign-extended.
; expect: reject invalid bpf_context access off=80 size=4
.prog sched_cls
  r2 = *(s32 *)(r1 + 80)
  r0 = 0
  exit
