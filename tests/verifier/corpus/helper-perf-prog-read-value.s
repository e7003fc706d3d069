; bpf_perf_prog_read_value from a perf_event program into a 24-byte struct on the stack.
; expect: accept
.prog perf_event
  r2 = r10
  r2 += -24
  r3 = 24
  call bpf_perf_prog_read_value
  r0 = 0
  exit
