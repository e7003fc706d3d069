; tc ECN marker (what an AQM does under congestion): IPv4 packets whose ECN field says
; ECN-capable (ECT(0) or ECT(1)) get Congestion Experienced (CE, 3) instead of being dropped; the
; TOS byte is rewritten with bpf_skb_store_bytes and the checksum patched with a 2-byte
; bpf_l3_csum_replace on the version/IHL/TOS word. Not-ECT packets are dropped (TC_ACT_SHOT).
; Inputs: ECT(0), ECT(1), already CE, not ECT, IPv6 (passed).
.prog sched_cls
; run: --packet eth/ipv4(tos=0x02)/tcp
; run: --packet eth/ipv4(tos=0xb9)/udp
; run: --packet eth/ipv4(tos=0x03)/tcp
; run: --packet eth/ipv4(tos=0x00)/tcp
; run: --packet eth/ipv6/tcp
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r7 = *(u16 *)(r2 + 14)
  r5 = r7
  r5 >>= 8
  r5 &= 3
  if r5 == 3 goto ok
  if r5 == 0 goto shot
  r8 = r7
  r8 |= 0x0300
  *(u16 *)(r10 - 2) = r8
  r1 = r6
  r2 = 14
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
