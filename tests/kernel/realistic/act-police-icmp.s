; tc action policer: allows at most 2 ICMP packets (a per-CPU array counts them) and drops the
; rest with TC_ACT_SHOT; non-ICMP traffic is accepted (TC_ACT_OK).
; Inputs: ICMP (first), ICMP after 2 already counted on every CPU, UDP.
.prog sched_act
.map icmp_seen percpu_array key=4 value=8 max_entries=1
; run: --packet eth/ipv4/icmp
; run: --packet eth/ipv4/icmp(type=8) --map icmp_seen=0:u32=2:u64
; run: --packet eth/ipv4/udp
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u8 *)(r2 + 23)
  if r5 != 1 goto ok
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = icmp_seen ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto shot
  r1 = *(u64 *)(r0 + 0)
  if r1 >= 2 goto shot
  r1 += 1
  *(u64 *)(r0 + 0) = r1
ok:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
