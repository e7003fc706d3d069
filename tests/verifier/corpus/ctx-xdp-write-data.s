; xdp_md is read-only.
; expect: reject invalid bpf_context access off=0 size=4
.prog xdp
  r2 = 0
  *(u32 *)(r1 + 0) = r2
  r0 = 2
  exit
