; XDP QinQ accounting: walks up to two VLAN tags (802.1ad outer 0x88a8 or 802.1Q 0x8100) with a
; bounds check per tag and counts frames per outermost VLAN id (0 for untagged) in a hash map,
; inserting with BPF_ANY. Returns XDP_PASS, or XDP_DROP for frames with more than two tags.
; Inputs: double-tagged (outer 300, inner 10), single-tagged (vid 42), untagged, triple-tagged.
.prog xdp
.map per_vlan hash key=4 value=8 max_entries=64
; run: --packet eth/qinq(vid=300)/vlan(vid=10)/ipv4/udp
; run: --packet eth/vlan(vid=42)/ipv6/udp --map per_vlan=42:u32=9:u64
; run: --packet eth/ipv4/tcp
; run: --packet eth/qinq(vid=1)/vlan(vid=2)/vlan(vid=3)/ipv4/udp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r6 = 0
  r7 = r2
  r7 += 12
  r4 = r7
  r4 += 2
  if r4 > r3 goto pass
  r5 = *(u16 *)(r7 + 0)
  if r5 == 0xa888 goto tag1
  if r5 != 0x0081 goto count
tag1:
  r4 = r7
  r4 += 6
  if r4 > r3 goto pass
  r6 = *(u16 *)(r7 + 2)
  r6 = be16 r6
  r6 &= 0xfff
  r7 += 4
  r5 = *(u16 *)(r7 + 0)
  if r5 != 0x0081 goto count
  r4 = r7
  r4 += 6
  if r4 > r3 goto pass
  r7 += 4
  r5 = *(u16 *)(r7 + 0)
  if r5 == 0x0081 goto drop
count:
  *(u32 *)(r10 - 4) = r6
  r1 = per_vlan ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  r1 = 1
  if r0 == 0 goto store
  r1 = *(u64 *)(r0 + 0)
  r1 += 1
store:
  *(u64 *)(r10 - 16) = r1
  r1 = per_vlan ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r4 = 0
  call bpf_map_update_elem
pass:
  r0 = 2
  exit
drop:
  r0 = 1
  exit
