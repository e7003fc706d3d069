; The first 8 bytes of a tracepoint record (common_type, common_flags, ...) are not readable by
; tracepoint programs.
; expect: reject invalid bpf_context access off=0 size=2
.prog tracepoint
  r2 = *(u16 *)(r1 + 0)
  r0 = 0
  exit
