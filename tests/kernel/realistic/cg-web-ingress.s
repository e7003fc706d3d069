; cgroup ingress firewall for a web server: reads the packet directly (data/data_end; cgroup_skb
; packets start at the IP header) and lets in TCP only to ports 80 and 443 plus all non-TCP
; traffic; other TCP is dropped. Returns 1 (pass) or 0 (drop).
; Inputs: TCP to 443, TCP to 22, UDP to 22, TCP over IPv6 to 80.
.prog cgroup_skb
; run: --packet eth/ipv4/tcp(dport=443,flags=S)
; run: --packet eth/ipv4/tcp(dport=22,flags=S)
; run: --packet eth/ipv4/udp(dport=22)
; run: --packet eth/ipv6/tcp(dport=80)
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r6 = *(u32 *)(r1 + 88)
  if r6 == 10 goto v6
  if r6 != 2 goto pass
  r4 = r2
  r4 += 20
  if r4 > r3 goto pass
  r5 = *(u8 *)(r2 + 9)
  if r5 != 6 goto pass
  r5 = *(u8 *)(r2 + 0)
  r5 &= 15
  r5 <<= 2
  r2 += r5
  goto tcp
v6:
  r4 = r2
  r4 += 40
  if r4 > r3 goto pass
  r5 = *(u8 *)(r2 + 6)
  if r5 != 6 goto pass
  r2 += 40
tcp:
  r4 = r2
  r4 += 4
  if r4 > r3 goto drop
  r5 = *(u16 *)(r2 + 2)
  r5 = be16 r5
  if r5 == 80 goto pass
  if r5 == 443 goto pass
drop:
  r0 = 0
  exit
pass:
  r0 = 1
  exit
