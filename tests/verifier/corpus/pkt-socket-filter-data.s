; Socket filters have no direct packet access: __sk_buff.data is not readable for them.
; expect: reject invalid bpf_context access off=76 size=4
.prog socket_filter
  r2 = *(u32 *)(r1 + 76)
  r0 = 0
  exit
