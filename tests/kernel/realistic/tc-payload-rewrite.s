; tc payload rewriting: in UDP datagrams to port 9999 whose payload starts with "ping", the
; word is replaced by "pong" with bpf_skb_store_bytes, and the UDP checksum adjusted with
; bpf_csum_diff over the old and new 4 bytes fed to bpf_l4_csum_replace (from 0, to the diff,
; BPF_F_MARK_MANGLED_0). Returns TC_ACT_OK, or TC_ACT_SHOT if a helper fails.
; Inputs: a "ping" datagram, a "pong" datagram (untouched), "ping" without a UDP checksum.
.prog sched_cls
; run: --packet eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/udp(sport=1111,dport=9999)/payload(text=ping-payload)
; run: --packet eth/ipv4/udp(dport=9999)/payload(text=pong)
; run: --packet eth/ipv4/udp(dport=9999,chksum=0)/payload(text=ping)
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 46
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u8 *)(r2 + 14)
  if r5 != 0x45 goto ok
  r5 = *(u8 *)(r2 + 23)
  if r5 != 17 goto ok
  r5 = *(u16 *)(r2 + 36)
  if r5 != 0x0f27 goto ok
  r7 = *(u32 *)(r2 + 42)
  if r7 != 0x676e6970 goto ok
  *(u32 *)(r10 - 4) = r7
  r1 = 0x676e6f70
  *(u32 *)(r10 - 8) = r1
  r1 = r10
  r1 += -4
  r2 = 4
  r3 = r10
  r3 += -8
  r4 = 4
  r5 = 0
  call bpf_csum_diff
  r8 = r0
  r1 = r6
  r2 = 42
  r3 = r10
  r3 += -8
  r4 = 4
  r5 = 0
  call bpf_skb_store_bytes
  if r0 != 0 goto shot
  r1 = r6
  r2 = 40
  r3 = 0
  r4 = r8
  r5 = 0x20
  call bpf_l4_csum_replace
  if r0 != 0 goto shot
ok:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
