; cgroup IPv6 source check: drops IPv6 packets whose local (source) address is link-local
; (fe80::/10) unless the remote address is link-local too, reading both addresses word by word
; from local_ip6[] and remote_ip6[]. Records the last source's first word in an array map.
; Returns 0 (drop) or 1 (pass).
; Inputs: fe80::1 -> 2001:db8::1 (dropped), fe80::1 -> fe80::2, 2001:db8::5 -> 2001:db8::1, IPv4.
.prog cgroup_skb
.map last array key=4 value=4 max_entries=1
; run: --packet eth/ipv6(src=fe80::1,dst=2001:db8::1)/udp
; run: --packet eth/ipv6(src=fe80::1,dst=fe80::2)/udp
; run: --packet eth/ipv6(src=2001:db8::5,dst=2001:db8::1)/tcp
; run: --packet eth/ipv4/udp
  r6 = r1
  r2 = *(u32 *)(r1 + 88)
  if r2 != 10 goto pass
  r7 = *(u32 *)(r6 + 116)
  r8 = *(u32 *)(r6 + 100)
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = last ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto check
  *(u32 *)(r0 + 0) = r7
check:
  r7 = be32 r7
  r7 &= 0xffc00000
  if w7 != 0xfe800000 goto pass
  r8 = be32 r8
  r8 &= 0xffc00000
  if w8 == 0xfe800000 goto pass
  r0 = 0
  exit
pass:
  r0 = 1
  exit
