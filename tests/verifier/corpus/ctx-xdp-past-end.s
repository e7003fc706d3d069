; xdp_md is 24 bytes; offset 24 is past its end.
; expect: reject invalid bpf_context access off=24 size=4
.prog xdp
  r0 = *(u32 *)(r1 + 24)
  r0 = 2
  exit
