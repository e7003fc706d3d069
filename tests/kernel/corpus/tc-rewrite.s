; tc classifier: direct packet access to the whole frame (Ethernet header included), a VLAN-less
; rewrite of the destination MAC, skb->mark and tc_classid writes read back, TC_ACT_* result.
.prog sched_cls
; run: data=ffffffffffff0200000000010800450000200001000040110000c0a80001c0a8000204d20035000c0000cafebabe
; run: data=02000000000202000000000186dd600000000008114000000000000000000000000000000001000000000000000000000000000000020035003500080000
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 14
  if r4 > r3 goto shot
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  *(u32 *)(r2 + 0) = 0x44332211
  *(u16 *)(r2 + 4) = 0x6655
  r6 = 0x12345678
  *(u32 *)(r1 + 8) = r6
  *(u32 *)(r1 + 72) = r6
  r0 = *(u32 *)(r1 + 8)
  r7 = *(u32 *)(r1 + 72)
  r0 += r7
  r7 = *(u32 *)(r1 + 0)
  r0 += r7
  r7 = *(u32 *)(r1 + 4)
  r0 += r7
  if r0 == 0 goto shot
  r0 = 0
  exit
pass:
  r0 = -1
  exit
shot:
  r0 = 2
  exit
