; bpf_csum_diff with a 4-byte "from" buffer and no "to" buffer (NULL, size 0).
; expect: accept
.prog sched_cls
  *(u32 *)(r10 - 4) = 0
  r1 = r10
  r1 += -4
  r2 = 4
  r3 = 0
  r4 = 0
  r5 = 0
  call bpf_csum_diff
  r0 = 0
  exit
