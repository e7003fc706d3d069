; bpf_perf_event_data is 184 bytes.
; expect: reject invalid bpf_context access off=184 size=8
.prog perf_event
  r0 = *(u64 *)(r1 + 184)
  r0 = 0
  exit
