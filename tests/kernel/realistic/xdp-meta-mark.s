; XDP metadata for tc: reserves 8 bytes of metadata in front of the packet with
; bpf_xdp_adjust_meta(-8) and writes a classification there (a magic and the IP protocol), for a
; later tc program to read through data_meta. Returns XDP_PASS; XDP_ABORTED if the helper fails.
; Inputs: TCP, UDP, ARP (protocol 0).
.prog xdp
; run: --packet eth/ipv4/tcp
; run: --packet eth/ipv4/udp
; run: --packet eth/arp
  r6 = r1
  r7 = 0
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto meta
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto meta
  r7 = *(u8 *)(r2 + 23)
meta:
  r1 = r6
  r2 = -8
  call bpf_xdp_adjust_meta
  if r0 != 0 goto abort
  r2 = *(u32 *)(r6 + 8)
  r3 = *(u32 *)(r6 + 0)
  r4 = r2
  r4 += 8
  if r4 > r3 goto abort
  *(u32 *)(r2 + 0) = 0x6d657461
  *(u32 *)(r2 + 4) = r7
  r0 = 2
  exit
abort:
  r0 = 0
  exit
