; perf_event programs read bpf_perf_event_data: regs, then sample_period (168) and addr (176).
; expect: accept
.prog perf_event
  r2 = *(u64 *)(r1 + 168)
  r3 = *(u64 *)(r1 + 176)
  r4 = *(u64 *)(r1 + 0)
  r0 = 0
  exit
