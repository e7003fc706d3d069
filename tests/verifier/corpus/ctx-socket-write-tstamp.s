; Socket filters cannot write tstamp.
; expect: reject invalid bpf_context access off=152 size=8
.prog socket_filter
  r2 = 1
  *(u64 *)(r1 + 152) = r2
  r0 = 0
  exit
