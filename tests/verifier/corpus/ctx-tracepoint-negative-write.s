; Tracepoint records are read-only, also before their start.
; expect: reject invalid bpf_context access off=-8 size=8
.prog tracepoint
  r2 = 1
  *(u64 *)(r1 - 8) = r2
  r0 = 0
  exit
