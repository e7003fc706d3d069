; Socket filters may read packet bytes with bpf_skb_load_bytes but not write them.
; expect: reject program of this type cannot use helper bpf_skb_store_bytes#9
.prog socket_filter
  *(u32 *)(r10 - 4) = 0
  r2 = 0
  r3 = r10
  r3 += -4
  r4 = 4
  r5 = 0
  call bpf_skb_store_bytes
  r0 = 0
  exit
