; XDP VLAN untagging: strips an 802.1Q tag by moving the MAC addresses 4 bytes forward and
; pulling the head with bpf_xdp_adjust_head(+4). Records the last stripped VLAN id and counts
; stripped frames in an array map. Untagged frames pass unchanged.
; Inputs: a tagged IPv4 frame (vid 100), a tagged IPv6 frame (vid 4094, priority 5), an untagged frame.
.prog xdp
.map vlan_stats array key=4 value=8 max_entries=2
; run: --packet eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02)/vlan(vid=100)/ipv4/udp(dport=9)
; run: --packet eth/vlan(vid=4094,prio=5)/ipv6/tcp
; run: --packet eth/ipv4/tcp
  r6 = r1
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 18
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0081 goto pass
  r7 = *(u16 *)(r2 + 14)
  r7 = be16 r7
  r7 &= 0xfff
  r5 = *(u32 *)(r2 + 8)
  *(u32 *)(r2 + 12) = r5
  r5 = *(u32 *)(r2 + 4)
  *(u32 *)(r2 + 8) = r5
  r5 = *(u32 *)(r2 + 0)
  *(u32 *)(r2 + 4) = r5
  r1 = r6
  r2 = 4
  call bpf_xdp_adjust_head
  if r0 != 0 goto abort
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = vlan_stats ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r1 = vlan_stats ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  *(u64 *)(r0 + 0) = r7
pass:
  r0 = 2
  exit
abort:
  r0 = 0
  exit
