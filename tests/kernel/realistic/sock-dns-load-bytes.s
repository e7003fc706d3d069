; Socket filter for DNS responses: uses bpf_skb_load_bytes (offsets from the network header in
; a socket filter) to read the IPv4 header, the UDP ports and the DNS flags; keeps responses from
; port 53 with RCODE 0 (returns the length), drops the rest; counts kept responses in an array.
; Inputs: a NOERROR response, an NXDOMAIN response, a query, TCP.
.prog socket_filter
.map kept array key=4 value=8 max_entries=1
; run: --packet eth/ipv4/udp(sport=53,dport=40000)/payload(hex=beef81800001000100000000)
; run: --packet eth/ipv4/udp(sport=53,dport=40000)/payload(hex=beef81830001000000000000)
; run: --packet eth/ipv4/udp(sport=40000,dport=53)/payload(hex=beef01000001000000000000)
; run: --packet eth/ipv4/tcp(sport=53)
  r6 = r1
  r1 = r6
  r2 = 0
  r3 = r10
  r3 += -20
  r4 = 20
  call bpf_skb_load_bytes
  if r0 != 0 goto drop
  r1 = *(u8 *)(r10 - 11)
  if r1 != 17 goto drop
  r1 = r6
  r2 = 20
  r3 = r10
  r3 += -32
  r4 = 12
  call bpf_skb_load_bytes
  if r0 != 0 goto drop
  r1 = *(u16 *)(r10 - 32)
  if r1 != 0x3500 goto drop
  r1 = *(u8 *)(r10 - 21)
  r1 &= 15
  if r1 != 0 goto drop
  r1 = 0
  *(u32 *)(r10 - 36) = r1
  r1 = kept ll
  r2 = r10
  r2 += -36
  call bpf_map_lookup_elem
  if r0 == 0 goto keep
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
keep:
  r0 = *(u32 *)(r6 + 0)
  exit
drop:
  r0 = 0
  exit
