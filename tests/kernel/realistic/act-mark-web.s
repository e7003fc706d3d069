; tc action (act_bpf): marks web traffic (TCP to ports 80 and 443) with skb->mark 0x80 and
; hands the packet to the next action (TC_ACT_PIPE); other traffic gets TC_ACT_UNSPEC (the
; default action). The mark is read back into an array map.
; Inputs: HTTP, HTTPS, SSH, UDP.
.prog sched_act
.map marks array key=4 value=4 max_entries=1
; run: --packet eth/ipv4/tcp(dport=80)
; run: --packet eth/ipv4/tcp(dport=443)
; run: --packet eth/ipv4/tcp(dport=22)
; run: --packet eth/ipv4/udp(dport=80)
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 54
  if r4 > r3 goto unspec
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto unspec
  r5 = *(u8 *)(r2 + 23)
  if r5 != 6 goto unspec
  r5 = *(u16 *)(r2 + 36)
  r5 = be16 r5
  if r5 == 80 goto web
  if r5 != 443 goto unspec
web:
  r1 = 0x80
  *(u32 *)(r6 + 8) = r1
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = marks ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pipe
  r1 = *(u32 *)(r6 + 8)
  *(u32 *)(r0 + 0) = r1
pipe:
  r0 = 3
  exit
unspec:
  r0 = -1
  exit
