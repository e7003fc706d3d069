; bpf_skb_load_bytes is for skb programs; XDP has bpf_xdp_load_bytes instead.
; expect: reject bpf_skb_load_bytes
.prog xdp
  r2 = 0
  r3 = r10
  r3 += -8
  r4 = 8
  call bpf_skb_load_bytes
  r0 = 2
  exit
