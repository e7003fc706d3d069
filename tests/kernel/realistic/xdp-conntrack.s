; XDP stateful TCP filter: connections are tracked in a hash map keyed by the 5-tuple
; {saddr, daddr, sport, dport, proto, 3 bytes of padding}. A SYN creates the entry (BPF_ANY),
; other TCP segments pass only when their connection is known (and count its packets); unknown
; non-SYN segments are dropped. Non-TCP passes.
; Inputs: a SYN (new), an ACK of a known connection (seen 1 packet), an ACK of an unknown one, UDP.
.prog xdp
.map conns hash key=16 value=8 max_entries=256
; run: --packet eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(sport=40000,dport=80,flags=S)
; run: --packet eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(sport=40000,dport=80,flags=A) --map conns=10.0.0.1+10.0.0.2+40000:be16+80:be16+6:u8+000000=1:u64
; run: --packet eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(sport=40001,dport=80,flags=A) --map conns=10.0.0.1+10.0.0.2+40000:be16+80:be16+6:u8+000000=1:u64
; run: --packet eth/ipv4/udp
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
  if r5 != 6 goto pass
  r1 = 0
  *(u64 *)(r10 - 8) = r1
  r5 = *(u32 *)(r2 + 26)
  *(u32 *)(r10 - 16) = r5
  r5 = *(u32 *)(r2 + 30)
  *(u32 *)(r10 - 12) = r5
  r5 = *(u32 *)(r2 + 34)
  *(u32 *)(r10 - 8) = r5
  r5 = 6
  *(u8 *)(r10 - 4) = r5
  r6 = *(u8 *)(r2 + 47)
  r6 &= 0x12
  r1 = conns ll
  r2 = r10
  r2 += -16
  call bpf_map_lookup_elem
  if r0 == 0 goto unknown
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  goto pass
unknown:
  if r6 != 0x02 goto drop
  r1 = 1
  *(u64 *)(r10 - 24) = r1
  r1 = conns ll
  r2 = r10
  r2 += -16
  r3 = r10
  r3 += -24
  r4 = 0
  call bpf_map_update_elem
pass:
  r0 = 2
  exit
drop:
  r0 = 1
  exit
