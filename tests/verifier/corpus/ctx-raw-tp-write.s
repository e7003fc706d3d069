; raw_tracepoint args are read-only.
; expect: reject invalid bpf_context access off=0 size=8
.prog raw_tracepoint
  r2 = 0
  *(u64 *)(r1 + 0) = r2
  r0 = 0
  exit
