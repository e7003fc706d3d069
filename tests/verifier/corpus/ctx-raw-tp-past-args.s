; raw_tracepoint programs see at most 12 u64 arguments: offset 96 is past them.
; expect: reject invalid bpf_context access off=96 size=8
.prog raw_tracepoint
  r0 = *(u64 *)(r1 + 96)
  r0 = 0
  exit
