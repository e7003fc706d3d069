; tc scratch state: stores parse results in the skb's control block (cb[0] = L3 protocol,
; cb[1] = L4 protocol, cb[2] = header length, cb[3..4] = a 64-bit cookie), sets tc_index from
; the L4 protocol, and finally reads cb back into an array map, as a multi-stage tc pipeline
; would hand state along. Returns TC_ACT_PIPE.
; Inputs: TCP over IPv4 with options, UDP over IPv6, ARP.
.prog sched_cls
.map state array key=4 value=24 max_entries=1
; run: --packet eth/ipv4(options=[nop,nop,nop,nop])/tcp
; run: --packet eth/ipv6/udp
; run: --packet eth/arp
  r6 = r1
  r2 = *(u32 *)(r1 + 16)
  *(u32 *)(r6 + 48) = r2
  r7 = 0
  r8 = 0
  r2 = *(u32 *)(r6 + 76)
  r3 = *(u32 *)(r6 + 80)
  r4 = r2
  r4 += 54
  if r4 > r3 goto save
  r5 = *(u16 *)(r2 + 12)
  if r5 == 0xdd86 goto v6
  if r5 != 0x0008 goto save
  r7 = *(u8 *)(r2 + 23)
  r8 = *(u8 *)(r2 + 14)
  r8 &= 15
  r8 <<= 2
  goto save
v6:
  r7 = *(u8 *)(r2 + 20)
  r8 = 40
save:
  *(u32 *)(r6 + 52) = r7
  *(u32 *)(r6 + 56) = r8
  r1 = 0x55667788
  *(u32 *)(r6 + 60) = r1
  r1 = 0x11223344
  *(u32 *)(r6 + 64) = r1
  *(u32 *)(r6 + 44) = r7
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = state ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = *(u64 *)(r6 + 48)
  *(u64 *)(r0 + 0) = r1
  r1 = *(u64 *)(r6 + 56)
  *(u64 *)(r0 + 8) = r1
  r1 = *(u32 *)(r6 + 64)
  *(u32 *)(r0 + 16) = r1
  r1 = *(u32 *)(r6 + 44)
  *(u32 *)(r0 + 20) = r1
out:
  r0 = 3
  exit
