; tc L2 forwarding: looks the IPv4 destination up in a neighbour table (hash map of next-hop
; MAC addresses) and rewrites the Ethernet destination and source in place, returning TC_ACT_OK;
; destinations without a neighbour entry are dropped (TC_ACT_SHOT). Non-IPv4 passes.
; Inputs: a known destination, an unknown one, ARP.
.prog sched_cls
.map neigh hash key=4 value=8 max_entries=64
; run: --packet eth/ipv4(dst=10.0.0.7)/udp --map neigh=10.0.0.7=0a1b2c3d4e5f0000
; run: --packet eth/ipv4(dst=10.0.0.8)/udp --map neigh=10.0.0.7=0a1b2c3d4e5f0000
; run: --packet eth/arp --map neigh=10.0.0.7=0a1b2c3d4e5f0000
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u32 *)(r2 + 30)
  *(u32 *)(r10 - 4) = r5
  r1 = neigh ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto shot
  r2 = *(u32 *)(r6 + 76)
  r3 = *(u32 *)(r6 + 80)
  r4 = r2
  r4 += 14
  if r4 > r3 goto shot
  r5 = *(u32 *)(r0 + 0)
  *(u32 *)(r2 + 0) = r5
  r5 = *(u16 *)(r0 + 4)
  *(u16 *)(r2 + 4) = r5
  *(u32 *)(r2 + 6) = 0x00000002
  *(u16 *)(r2 + 10) = 0x0100
ok:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
