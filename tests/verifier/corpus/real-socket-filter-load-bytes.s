; Realistic socket filter: copy the IPv4 header with bpf_skb_load_bytes and check the version.
; expect: accept
.prog socket_filter
  r2 = 0
  r3 = r10
  r3 += -20
  r4 = 20
  call bpf_skb_load_bytes
  if r0 != 0 goto drop
  r1 = *(u8 *)(r10 - 20)
  r1 >>= 4
  if r1 != 4 goto drop
  r0 = -1
  exit
drop:
  r0 = 0
  exit
