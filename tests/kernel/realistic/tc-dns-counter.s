; tc DNS query counter using bpf_skb_load_bytes instead of direct access: reads the IPv4 header,
; checks for UDP to port 53, then loads the DNS flags word and counts queries (QR clear) and
; responses (QR set) in an array map. Returns TC_ACT_OK.
; Inputs: a query, a response (a query counted before), UDP to another port, a truncated DNS header.
.prog sched_cls
.map dns array key=4 value=8 max_entries=2
; run: --packet eth/ipv4/udp(dport=53)/payload(hex=abcd01000001000000000000)
; run: --packet eth/ipv4/udp(sport=53,dport=53)/payload(hex=abcd81800001000100000000) --map dns=0:u32=1:u64
; run: --packet eth/ipv4/udp(dport=54)/payload(hex=abcd01000001000000000000)
; run: --packet eth/ipv4/udp(dport=53)/payload(hex=ab)
  r6 = r1
  r1 = r6
  r2 = 14
  r3 = r10
  r3 += -24
  r4 = 20
  call bpf_skb_load_bytes
  if r0 != 0 goto ok
  r1 = *(u8 *)(r10 - 24)
  if r1 != 0x45 goto ok
  r1 = *(u8 *)(r10 - 15)
  if r1 != 17 goto ok
  r1 = r6
  r2 = 34
  r3 = r10
  r3 += -32
  r4 = 8
  call bpf_skb_load_bytes
  if r0 != 0 goto ok
  r1 = *(u16 *)(r10 - 30)
  if r1 != 0x3500 goto ok
  r1 = r6
  r2 = 44
  r3 = r10
  r3 += -36
  r4 = 2
  call bpf_skb_load_bytes
  if r0 != 0 goto ok
  r1 = *(u8 *)(r10 - 36)
  r1 >>= 7
  *(u32 *)(r10 - 4) = r1
  r1 = dns ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto ok
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
ok:
  r0 = 0
  exit
