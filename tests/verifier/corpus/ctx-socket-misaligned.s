; A u32 read at offset 2 (inside len, not at a field start).
; expect: reject invalid bpf_context access off=2 size=4
.prog socket_filter
  r0 = *(u32 *)(r1 + 2)
  exit
