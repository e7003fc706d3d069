; Per-CPU XDP counters: a percpu_array with slots for IPv4, IPv6 and other frames, incremented
; without atomics (each CPU owns its value). Returns XDP_PASS.
; Inputs: IPv4, IPv6, ARP (with the "other" slot pre-loaded with 7 on every CPU).
.prog xdp
.map pkts percpu_array key=4 value=8 max_entries=3
; run: --packet eth/ipv4/udp
; run: --packet eth/ipv6/tcp
; run: --packet eth/arp --map pkts=2:u32=7:u64
  r6 = 2
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto count
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto not4
  r6 = 0
  goto count
not4:
  if r5 != 0xdd86 goto count
  r6 = 1
count:
  *(u32 *)(r10 - 4) = r6
  r1 = pkts ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = *(u64 *)(r0 + 0)
  r1 += 1
  *(u64 *)(r0 + 0) = r1
pass:
  r0 = 2
  exit
