; XDP statistics: counts packets per IP protocol (IPv4 protocol or IPv6 next header) in a hash
; map, inserting a new counter with bpf_map_update_elem(BPF_NOEXIST) the first time a protocol is
; seen and adding atomically afterwards. Non-IP frames count under key 0xffff. Passes everything.
; Inputs: TCP, UDP, ICMP over IPv4, UDP over IPv6 (with a UDP counter already at 10), ARP.
.prog xdp
.map counts hash key=4 value=8 max_entries=32
; run: --packet eth/ipv4/tcp
; run: --packet eth/ipv4/udp --map counts=17:u32=10:u64
; run: --packet eth/ipv4/icmp
; run: --packet eth/ipv6/udp --map counts=17:u32=10:u64 --map counts=6:u32=1:u64
; run: --packet eth/arp
  r6 = 0xffff
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto count
  r5 = *(u16 *)(r2 + 12)
  r4 = r2
  if r5 == 0x0008 goto v4
  if r5 != 0xdd86 goto count
  r4 += 54
  if r4 > r3 goto count
  r6 = *(u8 *)(r2 + 20)
  goto count
v4:
  r4 += 34
  if r4 > r3 goto count
  r6 = *(u8 *)(r2 + 23)
count:
  *(u32 *)(r10 - 4) = r6
  r1 = counts ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto insert
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  goto pass
insert:
  r1 = 1
  *(u64 *)(r10 - 16) = r1
  r1 = counts ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r4 = 1
  call bpf_map_update_elem
pass:
  r0 = 2
  exit
