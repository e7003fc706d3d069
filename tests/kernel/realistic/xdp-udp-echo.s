; XDP UDP echo service (port 7): swaps MAC addresses, IP addresses and UDP ports and sends the
; datagram back out with XDP_TX. Swapping leaves both checksums valid. Other traffic passes.
; Inputs: an echo request with a payload, UDP to another port, TCP to port 7.
.prog xdp
; run: --packet eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02)/ipv4(src=10.0.0.1,dst=10.0.0.2)/udp(sport=5555,dport=7)/payload(text=ping)
; run: --packet eth/ipv4/udp(dport=8)
; run: --packet eth/ipv4/tcp(dport=7)
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 42
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u8 *)(r2 + 14)
  if r5 != 0x45 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 17 goto pass
  r5 = *(u16 *)(r2 + 36)
  if r5 != 0x0700 goto pass
  r5 = *(u32 *)(r2 + 0)
  r6 = *(u16 *)(r2 + 4)
  r7 = *(u32 *)(r2 + 6)
  r8 = *(u16 *)(r2 + 10)
  *(u32 *)(r2 + 0) = r7
  *(u16 *)(r2 + 4) = r8
  *(u32 *)(r2 + 6) = r5
  *(u16 *)(r2 + 10) = r6
  r5 = *(u32 *)(r2 + 26)
  r6 = *(u32 *)(r2 + 30)
  *(u32 *)(r2 + 26) = r6
  *(u32 *)(r2 + 30) = r5
  r5 = *(u16 *)(r2 + 34)
  r6 = *(u16 *)(r2 + 36)
  *(u16 *)(r2 + 34) = r6
  *(u16 *)(r2 + 36) = r5
  r0 = 3
  exit
pass:
  r0 = 2
  exit
