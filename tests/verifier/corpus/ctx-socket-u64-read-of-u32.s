; A u64 read of the u32 field len is not a valid access.
; expect: reject invalid bpf_context access off=0 size=8
.prog socket_filter
  r0 = *(u64 *)(r1 + 0)
  exit
