; Realistic perf_event: count samples per CPU and remember the last sample period.
; expect: accept
.prog perf_event
.map samples percpu_array key=4 value=16 max_entries=1
  r6 = *(u64 *)(r1 + 168)
  *(u32 *)(r10 - 8) = 0
  r2 = r10
  r2 += -8
  r1 = samples ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  r1 += 1
  *(u64 *)(r0 + 0) = r1
  *(u64 *)(r0 + 8) = r6
  r0 = 0
  exit
