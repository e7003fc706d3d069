; tc egress source NAT: rewrites the IPv4 source address to 198.51.100.7 with
; bpf_skb_store_bytes, then fixes the IP header checksum with bpf_l3_csum_replace and the TCP or
; UDP checksum with bpf_l4_csum_replace(BPF_F_PSEUDO_HDR; for UDP also BPF_F_MARK_MANGLED_0).
; Packets from other than 10.0.0.0/8 and non-TCP/UDP pass unchanged. Returns TC_ACT_OK.
; Inputs: TCP from 10.0.0.5, UDP from 10.1.2.3, UDP without a checksum, ICMP from 10.0.0.5,
; TCP from 192.168.1.1.
.prog sched_cls
; run: --packet eth/ipv4(src=10.0.0.5,dst=93.184.216.34)/tcp(sport=40001,dport=443,flags=S)/payload(text=hello)
; run: --packet eth/ipv4(src=10.1.2.3,dst=8.8.8.8)/udp(sport=5353,dport=53)/payload(hex=1234010000010000)
; run: --packet eth/ipv4(src=10.1.2.3,dst=8.8.8.8)/udp(chksum=0)/payload(hex=1234)
; run: --packet eth/ipv4(src=10.0.0.5)/icmp
; run: --packet eth/ipv4(src=192.168.1.1)/tcp
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u8 *)(r2 + 14)
  if r5 != 0x45 goto ok
  r7 = *(u32 *)(r2 + 26)
  r5 = r7
  r5 &= 0xff
  if r5 != 10 goto ok
  r8 = *(u8 *)(r2 + 23)
  r9 = 50
  if r8 == 6 goto rewrite
  r9 = 40
  if r8 != 17 goto ok
rewrite:
  r1 = 0x076433c6
  *(u32 *)(r10 - 4) = r1
  r1 = r6
  r2 = 26
  r3 = r10
  r3 += -4
  r4 = 4
  r5 = 0
  call bpf_skb_store_bytes
  if r0 != 0 goto shot
  r1 = r6
  r2 = 24
  r3 = r7
  r4 = 0x076433c6
  r5 = 4
  call bpf_l3_csum_replace
  if r0 != 0 goto shot
  r5 = 0x14
  if r8 == 6 goto l4
  r5 = 0x34
l4:
  r1 = r6
  r2 = r9
  r3 = r7
  r4 = 0x076433c6
  call bpf_l4_csum_replace
  if r0 != 0 goto shot
ok:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
