; XDP destination NAT: looks the IPv4 destination up in a hash map of translations and rewrites
; it, fixing the IP header checksum and the TCP or UDP checksum (whose pseudo-header covers the
; address) with bpf_csum_diff; a UDP checksum of 0 (none) is left alone. Counts nothing, passes.
; Inputs: TCP and UDP to a translated address, UDP without a checksum, an untranslated address.
.prog xdp
.map nat hash key=4 value=4 max_entries=16
; run: --packet eth/ipv4(src=192.168.0.5,dst=10.0.0.2)/tcp(sport=40000,dport=80,flags=S)/payload(text=GET) --map nat=10.0.0.2=10.9.8.7
; run: --packet eth/ipv4(src=192.168.0.5,dst=10.0.0.2)/udp(dport=53)/payload(hex=abcd0100) --map nat=10.0.0.2=10.9.8.7
; run: --packet eth/ipv4(dst=10.0.0.2)/udp(chksum=0)/payload(hex=0102) --map nat=10.0.0.2=172.16.0.1
; run: --packet eth/ipv4(dst=10.0.0.3)/tcp --map nat=10.0.0.2=10.9.8.7
  r6 = r1
  r9 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r9
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u16 *)(r9 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u8 *)(r9 + 14)
  if r5 != 0x45 goto pass
  r5 = *(u32 *)(r9 + 30)
  *(u32 *)(r10 - 4) = r5
  r1 = nat ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r8 = *(u32 *)(r0 + 0)
  *(u32 *)(r10 - 8) = r8
  ; IP header checksum
  r5 = *(u16 *)(r9 + 24)
  r5 ^= 0xffff
  r1 = r10
  r1 += -4
  r2 = 4
  r3 = r10
  r3 += -8
  r4 = 4
  call bpf_csum_diff
  r1 = r0
  r1 >>= 16
  r0 &= 0xffff
  r0 += r1
  r1 = r0
  r1 >>= 16
  r0 += r1
  r0 ^= 0xffff
  r0 &= 0xffff
  *(u16 *)(r9 + 24) = r0
  *(u32 *)(r9 + 30) = r8
  ; L4 checksum: TCP's at +50, UDP's at +40 (0 there means "no checksum")
  r7 = *(u8 *)(r9 + 23)
  r3 = *(u32 *)(r6 + 4)
  if r7 == 6 goto tcp
  if r7 != 17 goto pass
  r4 = r9
  r4 += 42
  if r4 > r3 goto pass
  r4 = *(u16 *)(r9 + 40)
  if r4 == 0 goto pass
  r8 = 40
  goto l4
tcp:
  r4 = r9
  r4 += 54
  if r4 > r3 goto pass
  r4 = *(u16 *)(r9 + 50)
  r8 = 50
l4:
  r5 = r4
  r5 ^= 0xffff
  r1 = r10
  r1 += -4
  r2 = 4
  r3 = r10
  r3 += -8
  r4 = 4
  call bpf_csum_diff
  r1 = r0
  r1 >>= 16
  r0 &= 0xffff
  r0 += r1
  r1 = r0
  r1 >>= 16
  r0 += r1
  r0 ^= 0xffff
  r0 &= 0xffff
  if r8 == 40 goto udp
  *(u16 *)(r9 + 50) = r0
  goto pass
udp:
  if r0 != 0 goto udp_store
  r0 = 0xffff
udp_store:
  *(u16 *)(r9 + 40) = r0
pass:
  r0 = 2
  exit
