; XDP reads xdp_md data, data_end, data_meta, ingress_ifindex and rx_queue_index as u32s.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r2 = *(u32 *)(r1 + 4)
  r2 = *(u32 *)(r1 + 8)
  r2 = *(u32 *)(r1 + 12)
  r2 = *(u32 *)(r1 + 16)
  r0 = 2
  exit
