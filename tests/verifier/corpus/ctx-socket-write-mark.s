; socket_filter may not write __sk_buff.mark (offset 8).
; expect: reject invalid bpf_context access off=8 size=4
.prog socket_filter
  r2 = 1
  *(u32 *)(r1 + 8) = r2
  r0 = 0
  exit
