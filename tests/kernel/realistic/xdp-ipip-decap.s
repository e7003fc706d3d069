; XDP IP-in-IP decapsulation: when an IPv4 packet carries IPv4 (protocol 4), the outer 20-byte
; header is removed by moving the Ethernet header forward and pulling the head
; (bpf_xdp_adjust_head(+20)); decapsulated packets are counted per outer source in a hash map.
; Inputs: an IPIP packet with inner UDP, the same from another tunnel endpoint (already counted
; twice), a plain UDP packet, an outer header with options (left alone).
.prog xdp
.map tunnels hash key=4 value=8 max_entries=16
; run: --packet eth/ipv4(src=198.51.100.1,dst=203.0.113.1,proto=4)/ipv4(src=10.0.0.1,dst=10.0.0.2)/udp(dport=4789)
; run: --packet eth/ipv4(src=198.51.100.2,dst=203.0.113.1,proto=4)/ipv4/tcp --map tunnels=198.51.100.2=2:u64
; run: --packet eth/ipv4/udp
; run: --packet eth/ipv4(proto=4,options=[nop,nop,nop,nop])/ipv4/udp
  r6 = r1
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 54
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u8 *)(r2 + 14)
  if r5 != 0x45 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 4 goto pass
  r7 = *(u32 *)(r2 + 26)
  r5 = *(u32 *)(r2 + 8)
  *(u32 *)(r2 + 28) = r5
  r5 = *(u32 *)(r2 + 4)
  *(u32 *)(r2 + 24) = r5
  r5 = *(u32 *)(r2 + 0)
  *(u32 *)(r2 + 20) = r5
  r5 = *(u16 *)(r2 + 12)
  *(u16 *)(r2 + 32) = r5
  r1 = r6
  r2 = 20
  call bpf_xdp_adjust_head
  if r0 != 0 goto abort
  *(u32 *)(r10 - 4) = r7
  r1 = tunnels ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto new
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  goto pass
new:
  r1 = 1
  *(u64 *)(r10 - 16) = r1
  r1 = tunnels ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r4 = 0
  call bpf_map_update_elem
pass:
  r0 = 2
  exit
abort:
  r0 = 0
  exit
