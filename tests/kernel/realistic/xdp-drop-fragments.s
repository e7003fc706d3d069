; XDP fragment filter: drops IPv4 fragments (More Fragments set or a non-zero fragment offset)
; and counts them in a per-CPU array; unfragmented packets (DF or no flags) pass.
; Inputs: a first fragment (MF), a later fragment (offset 185), a DF packet, a plain packet.
.prog xdp
.map frags percpu_array key=4 value=8 max_entries=1
; run: --packet eth/ipv4(flags=MF)/udp
; run: --packet eth/ipv4(frag=185)/payload(hex=0001020304050607)
; run: --packet eth/ipv4(flags=DF)/tcp
; run: --packet eth/ipv4/udp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u16 *)(r2 + 20)
  r5 = be16 r5
  r5 &= 0x3fff
  if r5 == 0 goto pass
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = frags ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto drop
  r1 = *(u64 *)(r0 + 0)
  r1 += 1
  *(u64 *)(r0 + 0) = r1
drop:
  r0 = 1
  exit
pass:
  r0 = 2
  exit
