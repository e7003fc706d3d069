; tc action VLAN statistics: counts frames per VLAN id found in the packet (802.1Q tag in the
; data, as test runs deliver it) in a hash map, untagged frames under id 4096. Returns TC_ACT_OK.
; Inputs: vid 10, vid 20 (already 5), untagged.
.prog sched_act
.map vlans hash key=4 value=8 max_entries=64
; run: --packet eth/vlan(vid=10)/ipv4/udp
; run: --packet eth/vlan(vid=20)/ipv6/udp --map vlans=20:u32=5:u64
; run: --packet eth/ipv4/udp
  r6 = 4096
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 18
  if r4 > r3 goto count
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0081 goto count
  r6 = *(u16 *)(r2 + 14)
  r6 = be16 r6
  r6 &= 0xfff
count:
  *(u32 *)(r10 - 4) = r6
  r1 = vlans ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto insert
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  goto ok
insert:
  r1 = 1
  *(u64 *)(r10 - 16) = r1
  r1 = vlans ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r4 = 0
  call bpf_map_update_elem
ok:
  r0 = 0
  exit
