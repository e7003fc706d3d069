; tc VLAN untagging: frames that arrive with an 802.1Q tag in the packet data (skb->protocol is
; 0x8100) have it removed with bpf_skb_vlan_pop; the frame shrinks by 4 bytes. The popped frame's
; new length is recorded in an array map. Returns TC_ACT_OK (TC_ACT_SHOT if the helper fails).
; Inputs: a tagged IPv4 frame, a tagged ARP frame, an untagged frame.
.prog sched_cls
.map lens array key=4 value=8 max_entries=1
; run: --packet eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02)/vlan(vid=100)/ipv4/udp(dport=9)
; run: --packet eth/vlan(vid=5,prio=7)/arp
; run: --packet eth/ipv4/tcp
  r6 = r1
  r2 = *(u32 *)(r1 + 16)
  if r2 != 0x0081 goto ok
  r1 = r6
  call bpf_skb_vlan_pop
  if r0 != 0 goto shot
  r7 = *(u32 *)(r6 + 0)
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = lens ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto ok
  *(u64 *)(r0 + 0) = r7
ok:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
