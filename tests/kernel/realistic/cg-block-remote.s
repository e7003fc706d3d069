; cgroup egress blocklist by remote address: looks the socket's remote IPv4 address
; (remote_ip4, the destination in a test run) up in a hash map and drops matching packets,
; counting hits in the map value. Returns 0 (drop) or 1 (pass).
; Inputs: a blocked destination, another destination, IPv6 (family 10: not checked).
.prog cgroup_skb
.map deny hash key=4 value=8 max_entries=32
; run: --packet eth/ipv4(dst=203.0.113.66)/tcp --map deny=203.0.113.66=0:u64
; run: --packet eth/ipv4(dst=203.0.113.67)/tcp --map deny=203.0.113.66=0:u64
; run: --packet eth/ipv6/tcp --map deny=203.0.113.66=0:u64
  r2 = *(u32 *)(r1 + 88)
  if r2 != 2 goto pass
  r2 = *(u32 *)(r1 + 92)
  *(u32 *)(r10 - 4) = r2
  r1 = deny ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  r0 = 0
  exit
pass:
  r0 = 1
  exit
