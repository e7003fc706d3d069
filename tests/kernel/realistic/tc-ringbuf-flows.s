; tc flow logger without direct packet access: reads the IPv4 addresses and the ports with
; bpf_skb_load_bytes into a stack record and sends it to a ring buffer with bpf_ringbuf_output;
; the results of both helpers are kept in an array map. Returns TC_ACT_OK.
; Inputs: TCP, UDP, a short IPv4 packet (load of the ports fails).
.prog sched_cls
.map flows ringbuf key=0 value=0 max_entries=4096
.map rc array key=4 value=8 max_entries=2
; run: --packet eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(sport=1234,dport=80)
; run: --packet eth/ipv4(src=10.9.9.9,dst=10.0.0.2)/udp(sport=53,dport=5353)
; run: --data 020000000002020000000001080045000014000100004006000000000000000000000000
  r6 = r1
  r1 = r6
  r2 = 26
  r3 = r10
  r3 += -16
  r4 = 12
  call bpf_skb_load_bytes
  r7 = r0
  if r0 != 0 goto record
  r1 = flows ll
  r2 = r10
  r2 += -16
  r3 = 12
  r4 = 0
  call bpf_ringbuf_output
record:
  r8 = r0
  r1 = 0
  *(u32 *)(r10 - 20) = r1
  r1 = rc ll
  r2 = r10
  r2 += -20
  call bpf_map_lookup_elem
  if r0 == 0 goto ok
  *(u64 *)(r0 + 0) = r7
  r1 = 1
  *(u32 *)(r10 - 20) = r1
  r1 = rc ll
  r2 = r10
  r2 += -20
  call bpf_map_lookup_elem
  if r0 == 0 goto ok
  *(u64 *)(r0 + 0) = r8
ok:
  r0 = 0
  exit
