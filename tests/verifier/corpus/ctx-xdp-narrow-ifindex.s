; A u8 read of xdp_md.ingress_ifindex (offset 12).
; expect: reject invalid bpf_context access off=12 size=1
.prog xdp
  r0 = *(u8 *)(r1 + 12)
  r0 = 2
  exit
