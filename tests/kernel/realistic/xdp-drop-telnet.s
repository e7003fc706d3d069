; XDP firewall: drops IPv4 TCP packets to port 23 (telnet) and passes everything else. Parses
; Ethernet, IPv4 (honouring the header length, so options are skipped) and TCP, with a bounds
; check before every read.
; Inputs: a telnet SYN, an HTTP SYN, UDP to port 23, telnet behind IPv4 options, ARP, a runt.
.prog xdp
; run: --packet eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(dport=23,flags=S)
; run: --packet eth/ipv4/tcp(dport=80,flags=S)
; run: --packet eth/ipv4/udp(dport=23)
; run: --packet eth/ipv4(options=[ra:0])/tcp(dport=23)
; run: --packet eth/arp
; run: --data 02000000000202000000000108004500
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 6 goto pass
  r5 = *(u8 *)(r2 + 14)
  r5 &= 15
  r5 <<= 2
  if r5 < 20 goto pass
  r2 += 14
  r2 += r5
  r4 = r2
  r4 += 20
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 2)
  if r5 != 0x1700 goto pass
  r0 = 1
  exit
pass:
  r0 = 2
  exit
