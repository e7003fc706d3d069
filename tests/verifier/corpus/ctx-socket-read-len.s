; socket_filter reads __sk_buff.len (offset 0) as a u32.
; expect: accept
.prog socket_filter
  r0 = *(u32 *)(r1 + 0)
  exit
