; XDP ARP responder for 10.0.0.1 (MAC 02:00:00:00:00:aa): turns a request for that address into
; the reply in place (opcode 2, target = the asker, sender = us, Ethernet addresses to match) and
; sends it back with XDP_TX. Requests for other addresses and replies pass.
; Inputs: a request for 10.0.0.1, a request for 10.0.0.9, a reply.
.prog xdp
; run: --packet eth(src=02:00:00:00:00:01,dst=ff:ff:ff:ff:ff:ff)/arp(op=1,hwsrc=02:00:00:00:00:01,psrc=10.0.0.2,pdst=10.0.0.1)
; run: --packet eth/arp(op=1,psrc=10.0.0.2,pdst=10.0.0.9)
; run: --packet eth/arp(op=2,psrc=10.0.0.1,pdst=10.0.0.2)
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 42
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0608 goto pass
  r5 = *(u16 *)(r2 + 20)
  if r5 != 0x0100 goto pass
  r5 = *(u32 *)(r2 + 38)
  if r5 != 0x0100000a goto pass
  ; target <- sender
  r5 = *(u32 *)(r2 + 22)
  *(u32 *)(r2 + 32) = r5
  r5 = *(u16 *)(r2 + 26)
  *(u16 *)(r2 + 36) = r5
  r5 = *(u32 *)(r2 + 28)
  *(u32 *)(r2 + 38) = r5
  ; sender <- us
  *(u32 *)(r2 + 22) = 0x00000002
  *(u16 *)(r2 + 26) = 0xaa00
  *(u32 *)(r2 + 28) = 0x0100000a
  *(u16 *)(r2 + 20) = 0x0200
  ; Ethernet: to the asker, from us
  r5 = *(u32 *)(r2 + 6)
  *(u32 *)(r2 + 0) = r5
  r5 = *(u16 *)(r2 + 10)
  *(u16 *)(r2 + 4) = r5
  *(u32 *)(r2 + 6) = 0x00000002
  *(u16 *)(r2 + 10) = 0xaa00
  r0 = 3
  exit
pass:
  r0 = 2
  exit
