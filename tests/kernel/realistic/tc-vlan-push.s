; tc VLAN tagging: tags untagged IPv4 frames with VLAN 100 (priority 3) through bpf_skb_vlan_push,
; which puts the tag in the skb's metadata (hardware-accelerated tag) rather than the data; the
; program then reads vlan_present, vlan_tci and vlan_proto back into an array map.
; Returns TC_ACT_OK.
; Inputs: an IPv4 frame, an IPv6 frame (untouched).
.prog sched_cls
.map tag array key=4 value=16 max_entries=1
; run: --packet eth/ipv4/udp
; run: --packet eth/ipv6/udp
  r6 = r1
  r2 = *(u32 *)(r1 + 16)
  if r2 != 0x0008 goto ok
  r1 = r6
  r2 = 0x0081
  r3 = 0x6064
  call bpf_skb_vlan_push
  if r0 != 0 goto shot
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = tag ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto ok
  r1 = *(u32 *)(r6 + 20)
  *(u32 *)(r0 + 0) = r1
  r1 = *(u32 *)(r6 + 24)
  *(u32 *)(r0 + 4) = r1
  r1 = *(u32 *)(r6 + 28)
  *(u32 *)(r0 + 8) = r1
  r1 = *(u32 *)(r6 + 0)
  *(u32 *)(r0 + 12) = r1
ok:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
