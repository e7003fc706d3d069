; A read past the end of struct __sk_buff.
; expect: reject invalid bpf_context access
.prog socket_filter
  r0 = *(u32 *)(r1 + 1000)
  exit
