; len is read-only even for tc.
; expect: reject invalid bpf_context access off=0 size=4
.prog sched_cls
  r2 = 7
  *(u32 *)(r1 + 0) = r2
  r0 = 0
  exit
