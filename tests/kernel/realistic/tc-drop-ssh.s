; tc ingress filter: drops TCP to port 22 (SSH) over IPv4 and IPv6 with TC_ACT_SHOT, lets all
; other traffic through with TC_ACT_OK. Reads the packet directly between data and data_end.
; Inputs: SSH over IPv4, SSH over IPv6, HTTPS over IPv4, UDP to 22, ARP.
.prog sched_cls
; run: --packet eth/ipv4(src=203.0.113.9,dst=10.0.0.2)/tcp(sport=51000,dport=22,flags=S)
; run: --packet eth/ipv6/tcp(dport=22,flags=S)
; run: --packet eth/ipv4/tcp(dport=443)
; run: --packet eth/ipv4/udp(dport=22)
; run: --packet eth/arp
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 14
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 == 0xdd86 goto v6
  if r5 != 0x0008 goto ok
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u8 *)(r2 + 23)
  if r5 != 6 goto ok
  r5 = *(u8 *)(r2 + 14)
  r5 &= 15
  r5 <<= 2
  r2 += 14
  r2 += r5
  goto tcp
v6:
  r4 = r2
  r4 += 54
  if r4 > r3 goto ok
  r5 = *(u8 *)(r2 + 20)
  if r5 != 6 goto ok
  r2 += 54
tcp:
  r4 = r2
  r4 += 4
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 2)
  if r5 != 0x1600 goto ok
  r0 = 2
  exit
ok:
  r0 = 0
  exit
