; Tracepoint records are read-only.
; expect: reject invalid bpf_context access
.prog tracepoint
  r2 = 0
  *(u64 *)(r1 + 8) = r2
  r0 = 0
  exit
