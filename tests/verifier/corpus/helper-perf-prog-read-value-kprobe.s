; bpf_perf_prog_read_value belongs to perf_event programs, not kprobes.
; expect: reject program of this type cannot use helper bpf_perf_prog_read_value#56
.prog kprobe
  r2 = r10
  r2 += -24
  r3 = 24
  call bpf_perf_prog_read_value
  r0 = 0
  exit
