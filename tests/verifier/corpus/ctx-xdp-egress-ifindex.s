; xdp_md.egress_ifindex (offset 20) is only for programs attached to a devmap; a plain XDP
; program cannot read it.
; expect: reject invalid bpf_context access off=20 size=4
.prog xdp
  r0 = *(u32 *)(r1 + 20)
  r0 = 2
  exit
