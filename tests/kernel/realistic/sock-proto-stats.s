; Socket filter used only for statistics: counts packets per IP protocol (LD_ABS of the IPv4
; protocol byte, or the IPv6 next header) in an array map and keeps every packet whole.
; Inputs: TCP, UDP over IPv6, ICMP (already 3), ARP (not IP: not counted).
.prog socket_filter
.map protos array key=4 value=8 max_entries=256
; run: --packet eth/ipv4/tcp
; run: --packet eth/ipv6/udp
; run: --packet eth/ipv4/icmp --map protos=1:u32=3:u64
; run: --packet eth/arp
  r6 = r1
  r7 = *(u32 *)(r6 + 16)
  if r7 == 0x0008 goto v4
  if r7 != 0xdd86 goto keep
  r0 = *(u8 *)skb[6]
  goto count
v4:
  r0 = *(u8 *)skb[9]
count:
  *(u32 *)(r10 - 4) = r0
  r1 = protos ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto keep
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
keep:
  r0 = *(u32 *)(r6 + 0)
  exit
