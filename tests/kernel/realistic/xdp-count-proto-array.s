; XDP statistics in an array: one u64 packet counter and one byte counter per IPv4 protocol
; number (256 slots of 16 bytes), indexed directly by the protocol byte. Non-IPv4 traffic is not
; counted. Returns XDP_PASS.
; Inputs: TCP, UDP with a payload, ICMP, and UDP again with the UDP slot pre-loaded.
.prog xdp
.map stats array key=4 value=16 max_entries=256
; run: --packet eth/ipv4/tcp
; run: --packet eth/ipv4/udp/payload(text=hello-world)
; run: --packet eth/ipv4/icmp
; run: --packet eth/ipv4/udp --map stats=17:u32=3:u64+300:u64
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r6 = *(u8 *)(r2 + 23)
  r7 = r3
  r7 -= r2
  *(u32 *)(r10 - 4) = r6
  r1 = stats ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  lock *(u64 *)(r0 + 8) += r7
pass:
  r0 = 2
  exit
