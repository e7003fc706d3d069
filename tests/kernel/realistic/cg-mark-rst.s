; cgroup ingress monitor: reads the TCP flags with bpf_skb_load_bytes (offsets from the IP
; header), counts RSTs in an array map, and tags every TCP packet with skb->mark = flags and
; skb->priority = 6 (both writable from cgroup_skb); the mark is read back into the map.
; Always passes (1).
; Inputs: a RST, a SYN, UDP, a packet too short for a TCP header.
.prog cgroup_skb
.map rst array key=4 value=8 max_entries=2
; run: --packet eth/ipv4/tcp(flags=R)
; run: --packet eth/ipv4/tcp(flags=S) --map rst=0:u32=4:u64
; run: --packet eth/ipv4/udp
; run: --data 02000000000202000000000108004500001800010000400600000a0000010a0000020050
  r6 = r1
  r1 = r6
  r2 = 9
  r3 = r10
  r3 += -8
  r4 = 1
  call bpf_skb_load_bytes
  if r0 != 0 goto pass
  r1 = *(u8 *)(r10 - 8)
  if r1 != 6 goto pass
  r1 = r6
  r2 = 33
  r3 = r10
  r3 += -8
  r4 = 1
  call bpf_skb_load_bytes
  if r0 != 0 goto pass
  r7 = *(u8 *)(r10 - 8)
  *(u32 *)(r6 + 8) = r7
  r1 = 6
  *(u32 *)(r6 + 32) = r1
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r1 = rst ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto rst
  r1 = *(u32 *)(r6 + 8)
  *(u64 *)(r0 + 0) = r1
rst:
  r7 &= 4
  if r7 == 0 goto pass
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = rst ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
pass:
  r0 = 1
  exit
