; XDP SYN flood guard: counts TCP SYNs (without ACK) per destination port in an LRU hash and
; drops SYNs once a port has seen more than 3; everything else passes.
; Inputs: a SYN to port 80 (fresh), a SYN to 80 after 3 (dropped), a SYN-ACK, an IPv6 SYN.
.prog xdp
.map syns lru_hash key=2 value=8 max_entries=128
; run: --packet eth/ipv4/tcp(dport=80,flags=S)
; run: --packet eth/ipv4/tcp(dport=80,flags=S) --map syns=80:be16=3:u64 --map syns=443:be16=1:u64
; run: --packet eth/ipv4/tcp(dport=80,flags=SA) --map syns=80:be16=3:u64
; run: --packet eth/ipv6/tcp(dport=22,flags=S)
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 6 goto pass
  r5 = *(u8 *)(r2 + 14)
  r5 &= 15
  r5 <<= 2
  r2 += 14
  r2 += r5
  r4 = r2
  r4 += 14
  if r4 > r3 goto pass
  r5 = *(u8 *)(r2 + 13)
  r5 &= 0x12
  if r5 != 0x02 goto pass
  r5 = *(u16 *)(r2 + 2)
  *(u16 *)(r10 - 2) = r5
  r1 = syns ll
  r2 = r10
  r2 += -2
  call bpf_map_lookup_elem
  if r0 == 0 goto first
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  r1 = *(u64 *)(r0 + 0)
  if r1 > 3 goto drop
  goto pass
first:
  r1 = 1
  *(u64 *)(r10 - 16) = r1
  r1 = syns ll
  r2 = r10
  r2 += -2
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
