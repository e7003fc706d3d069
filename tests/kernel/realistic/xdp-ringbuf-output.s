; XDP sampler: copies the first 20 bytes of every IPv4 header to the stack and sends them to a
; ring buffer with bpf_ringbuf_output, wakeup forced (BPF_RB_FORCE_WAKEUP); the helper's result
; and the number of records sent go to an array map. Returns XDP_PASS.
; Inputs: IPv4/UDP, IPv4/TCP (with 2 earlier records counted), IPv6 (not sampled).
.prog xdp
.map samples ringbuf key=0 value=0 max_entries=4096
.map result array key=4 value=8 max_entries=2
; run: --packet eth/ipv4(src=1.2.3.4,dst=5.6.7.8,tos=0x10)/udp
; run: --packet eth/ipv4/tcp --map result=1:u32=2:u64
; run: --packet eth/ipv6/udp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u64 *)(r2 + 14)
  *(u64 *)(r10 - 24) = r5
  r5 = *(u64 *)(r2 + 22)
  *(u64 *)(r10 - 16) = r5
  r5 = *(u32 *)(r2 + 30)
  *(u32 *)(r10 - 8) = r5
  r1 = samples ll
  r2 = r10
  r2 += -24
  r3 = 20
  r4 = 2
  call bpf_ringbuf_output
  r6 = r0
  r1 = 0
  *(u32 *)(r10 - 28) = r1
  r1 = result ll
  r2 = r10
  r2 += -28
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  *(u64 *)(r0 + 0) = r6
  r1 = 1
  *(u32 *)(r10 - 28) = r1
  r1 = result ll
  r2 = r10
  r2 += -28
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
pass:
  r0 = 2
  exit
