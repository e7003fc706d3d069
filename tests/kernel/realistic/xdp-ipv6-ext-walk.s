; XDP IPv6 extension header walker: follows up to three extension headers (hop-by-hop 0,
; routing 43, destination options 60), each checked against data_end and skipped by its length
; ((hdr_ext_len + 1) * 8), and counts packets by the final upper-layer protocol in an array map.
; Drops packets with more than three extension headers. Returns XDP_PASS otherwise.
; Inputs: plain UDP, hop-by-hop + TCP, hop-by-hop + routing + destination options + UDP, four headers.
.prog xdp
.map upper array key=4 value=8 max_entries=256
; run: --packet eth/ipv6/udp
; run: --packet eth/ipv6/hbh(options=[padn:4])/tcp
; run: --packet eth/ipv6/hbh/routing(addrs=[2001:db8::1])/dstopts/udp
; run: --packet eth/ipv6/hbh/dstopts/dstopts/dstopts/udp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 54
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0xdd86 goto pass
  r6 = *(u8 *)(r2 + 20)
  r2 += 54
  r7 = 0
next:
  if r6 == 0 goto ext
  if r6 == 43 goto ext
  if r6 != 60 goto count
ext:
  if r7 >= 3 goto drop
  r7 += 1
  r4 = r2
  r4 += 2
  if r4 > r3 goto pass
  r6 = *(u8 *)(r2 + 0)
  r5 = *(u8 *)(r2 + 1)
  r5 += 1
  r5 <<= 3
  r2 += r5
  goto next
count:
  *(u32 *)(r10 - 4) = r6
  r1 = upper ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
pass:
  r0 = 2
  exit
drop:
  r0 = 1
  exit
