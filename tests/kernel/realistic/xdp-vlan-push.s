; XDP VLAN tagging: pushes an 802.1Q tag (vid 100, priority 3) on untagged frames by growing the
; head with bpf_xdp_adjust_head(-4) and moving the MAC addresses to the new front. Frames that
; already carry a tag pass unchanged.
; Inputs: an IPv4/TCP frame, an ARP frame, an already tagged frame.
.prog xdp
; run: --packet eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02)/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(dport=443)
; run: --packet eth/arp
; run: --packet eth/vlan(vid=7)/ipv4/udp
  r6 = r1
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 == 0x0081 goto pass
  r1 = r6
  r2 = -4
  call bpf_xdp_adjust_head
  if r0 != 0 goto abort
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 4)
  r4 = r2
  r4 += 18
  if r4 > r3 goto abort
  r5 = *(u32 *)(r2 + 4)
  *(u32 *)(r2 + 0) = r5
  r5 = *(u32 *)(r2 + 8)
  *(u32 *)(r2 + 4) = r5
  r5 = *(u32 *)(r2 + 12)
  *(u32 *)(r2 + 8) = r5
  *(u16 *)(r2 + 12) = 0x0081
  *(u16 *)(r2 + 14) = 0x6460
pass:
  r0 = 2
  exit
abort:
  r0 = 0
  exit
