; cgroup traffic accounting by address family: the socket's family (AF_INET 2, AF_INET6 10,
; others) selects a slot of a per-CPU array that accumulates packets and bytes (skb->len).
; Always passes (1).
; Inputs: IPv4, IPv6 (slot pre-loaded on every CPU), ARP (family 0).
.prog cgroup_skb
.map traffic percpu_array key=4 value=16 max_entries=3
; run: --packet eth/ipv4/udp/payload(text=abc)
; run: --packet eth/ipv6/tcp --map traffic=1:u32=10:u64+1000:u64
; run: --packet eth/arp
  r6 = r1
  r7 = 2
  r2 = *(u32 *)(r1 + 88)
  if r2 != 2 goto not4
  r7 = 0
  goto count
not4:
  if r2 != 10 goto count
  r7 = 1
count:
  *(u32 *)(r10 - 4) = r7
  r1 = traffic ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = *(u64 *)(r0 + 0)
  r1 += 1
  *(u64 *)(r0 + 0) = r1
  r1 = *(u64 *)(r0 + 8)
  r2 = *(u32 *)(r6 + 0)
  r1 += r2
  *(u64 *)(r0 + 8) = r1
out:
  r0 = 1
  exit
