; tc TTL normaliser: caps the IPv4 TTL at 32. The TTL/protocol 16-bit word is rewritten with
; bpf_skb_store_bytes and the header checksum patched with a 2-byte bpf_l3_csum_replace.
; Returns TC_ACT_OK.
; Inputs: TTL 64, TTL 32 (unchanged), TTL 255 over UDP, IPv6.
.prog sched_cls
; run: --packet eth/ipv4(ttl=64)/tcp
; run: --packet eth/ipv4(ttl=32)/tcp
; run: --packet eth/ipv4(ttl=255,src=1.1.1.1,dst=2.2.2.2)/udp/payload(text=x)
; run: --packet eth/ipv6/tcp
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u8 *)(r2 + 22)
  if r5 <= 32 goto ok
  r7 = *(u16 *)(r2 + 22)
  r8 = r7
  r8 &= 0xff00
  r8 |= 32
  *(u16 *)(r10 - 2) = r8
  r1 = r6
  r2 = 22
  r3 = r10
  r3 += -2
  r4 = 2
  r5 = 0
  call bpf_skb_store_bytes
  if r0 != 0 goto shot
  r1 = r6
  r2 = 24
  r3 = r7
  r4 = r8
  r5 = 2
  call bpf_l3_csum_replace
  if r0 != 0 goto shot
ok:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
