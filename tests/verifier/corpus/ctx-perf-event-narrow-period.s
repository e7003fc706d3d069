; A narrow (u32) read of sample_period.
; expect: accept
.prog perf_event
  r2 = *(u32 *)(r1 + 168)
  r0 = 0
  exit
