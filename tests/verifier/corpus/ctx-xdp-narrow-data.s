; A u16 read of xdp_md.data is not allowed (pointer fields are read whole).
; expect: reject invalid bpf_context access off=0 size=2
.prog xdp
  r0 = *(u16 *)(r1 + 0)
  r0 = 2
  exit
