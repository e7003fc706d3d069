; bpf_csum_diff's sizes are checked at run time (a multiple of 4), not by the verifier.
; expect: accept
.prog sched_cls
  *(u64 *)(r10 - 8) = 0
  r1 = r10
  r1 += -8
  r2 = 6
  r3 = 0
  r4 = 0
  r5 = 0
  call bpf_csum_diff
  r0 = 0
  exit
