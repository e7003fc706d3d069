; A u64 read of xdp_md.data: the fields are u32.
; expect: reject invalid bpf_context access off=0 size=8
.prog xdp
  r0 = *(u64 *)(r1 + 0)
  r0 = 2
  exit
