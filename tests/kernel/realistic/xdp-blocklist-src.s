; XDP blocklist: looks the IPv4 source address up in a hash map of blocked addresses and drops
; the packet when it is there, counting the drop in the entry's value; others pass.
; Inputs: a blocked source (10.0.0.66, pre-loaded with 5 drops), an allowed source, ARP.
.prog xdp
.map blocked hash key=4 value=8 max_entries=64
; run: --packet eth/ipv4(src=10.0.0.66,dst=10.0.0.2)/udp --map blocked=10.0.0.66=5:u64 --map blocked=192.168.1.1=0:u64
; run: --packet eth/ipv4(src=10.0.0.7,dst=10.0.0.2)/tcp --map blocked=10.0.0.66=5:u64
; run: --packet eth/arp --map blocked=10.0.0.66=5:u64
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u32 *)(r2 + 26)
  *(u32 *)(r10 - 4) = r5
  r1 = blocked ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  r0 = 1
  exit
pass:
  r0 = 2
  exit
