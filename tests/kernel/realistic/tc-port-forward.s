; tc port forwarding: TCP to port 8080 is redirected to port 80 on the same host by rewriting the
; destination port (bpf_skb_store_bytes) and patching the TCP checksum with a 2-byte
; bpf_l4_csum_replace. Returns TC_ACT_OK (TC_ACT_SHOT if a helper fails).
; Inputs: TCP to 8080 with a payload, TCP to 8080 behind IPv4 options, TCP to 80, UDP to 8080.
.prog sched_cls
; run: --packet 'eth/ipv4(src=10.0.0.9,dst=10.0.0.1)/tcp(sport=50000,dport=8080,flags=PA)/payload(text="GET / HTTP/1.0")'
; run: --packet eth/ipv4(options=[ra:0])/tcp(dport=8080)
; run: --packet eth/ipv4/tcp(dport=80)
; run: --packet eth/ipv4/udp(dport=8080)
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u8 *)(r2 + 23)
  if r5 != 6 goto ok
  r7 = *(u8 *)(r2 + 14)
  r7 &= 15
  r7 <<= 2
  r7 += 14
  r2 += r7
  r4 = r2
  r4 += 20
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 2)
  if r5 != 0x901f goto ok
  r1 = 0x5000
  *(u16 *)(r10 - 2) = r1
  r1 = r6
  r2 = r7
  r2 += 2
  r3 = r10
  r3 += -2
  r4 = 2
  r5 = 0
  call bpf_skb_store_bytes
  if r0 != 0 goto shot
  r1 = r6
  r2 = r7
  r2 += 16
  r3 = 0x901f
  r4 = 0x5000
  r5 = 2
  call bpf_l4_csum_replace
  if r0 != 0 goto shot
ok:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
