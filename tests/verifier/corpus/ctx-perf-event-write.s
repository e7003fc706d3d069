; bpf_perf_event_data is read-only.
; expect: reject invalid bpf_context access off=168 size=8
.prog perf_event
  r2 = 0
  *(u64 *)(r1 + 168) = r2
  r0 = 0
  exit
