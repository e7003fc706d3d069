; A sign-extending load of xdp_md.data.
; expect: reject invalid bpf_context access off=0 size=4
.prog xdp
  r2 = *(s32 *)(r1 + 0)
  r0 = 2
  exit
