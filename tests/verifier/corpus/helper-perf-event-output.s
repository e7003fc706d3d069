; bpf_perf_event_output from XDP into a perf event array.
; expect: accept
.prog xdp
.map perf perf_event_array key=4 value=4 max_entries=4
  *(u64 *)(r10 - 8) = 1
  r2 = perf ll
  r3 = 0xffffffff ll
  r4 = r10
  r4 += -8
  r5 = 8
  call bpf_perf_event_output
  r0 = 2
  exit
