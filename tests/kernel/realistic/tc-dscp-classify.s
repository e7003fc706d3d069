; tc classifier by DSCP: copies the IPv4 DSCP into skb->mark, sets skb->priority to the class
; (DSCP >> 3) and tc_classid to 1:DSCP, then reads the three back and stores them in an array map
; so the result is visible. Returns TC_ACT_OK; non-IPv4 is left alone.
; Inputs: DSCP 46 (EF), DSCP 10 (AF11), DSCP 0, IPv6.
.prog sched_cls
.map seen array key=4 value=16 max_entries=1
; run: --packet eth/ipv4(tos=0xb8)/udp(dport=5004)
; run: --packet eth/ipv4(tos=0x28)/tcp
; run: --packet eth/ipv4/tcp
; run: --packet eth/ipv6/udp
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r7 = *(u8 *)(r2 + 15)
  r7 >>= 2
  *(u32 *)(r6 + 8) = r7
  r8 = r7
  r8 >>= 3
  *(u32 *)(r6 + 32) = r8
  r8 = r7
  r8 |= 0x10000
  *(u32 *)(r6 + 72) = r8
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = seen ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto ok
  r1 = *(u32 *)(r6 + 8)
  *(u32 *)(r0 + 0) = r1
  r1 = *(u32 *)(r6 + 32)
  *(u32 *)(r0 + 4) = r1
  r1 = *(u32 *)(r6 + 72)
  *(u32 *)(r0 + 8) = r1
  r1 = *(u32 *)(r6 + 0)
  *(u32 *)(r0 + 12) = r1
ok:
  r0 = 0
  exit
