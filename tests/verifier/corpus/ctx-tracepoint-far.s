; An offset beyond the largest possible tracepoint record (PERF_MAX_TRACE_SIZE, 8192).
; expect: reject invalid bpf_context access
.prog tracepoint
  r0 = *(u64 *)(r1 + 8192)
  r0 = 0
  exit
