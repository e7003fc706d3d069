; XDP packet capture through a perf event array: bpf_perf_event_output with BPF_F_CURRENT_CPU
; and the packet length in the flags' upper half, so the whole frame is appended to an 8-byte
; stack header (a magic and the length). With no perf buffer open on the CPU the kernel answers
; -ENOENT; the helper's result is kept in an array map. Returns XDP_PASS.
; Inputs: a UDP frame, an ARP frame.
.prog xdp
.map capture perf_event_array key=4 value=4 max_entries=2
.map result array key=4 value=8 max_entries=1
; run: --packet eth/ipv4/udp/payload(text=capture)
; run: --packet eth/arp
  r6 = r1
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r3 -= r2
  r3 &= 0xffff
  r4 = 0xcafe
  *(u32 *)(r10 - 8) = r4
  *(u32 *)(r10 - 4) = r3
  r3 <<= 32
  r4 = 0xffffffff ll
  r3 |= r4
  r1 = r6
  r2 = capture ll
  r4 = r10
  r4 += -8
  r5 = 8
  call bpf_perf_event_output
  r7 = r0
  r1 = 0
  *(u32 *)(r10 - 12) = r1
  r1 = result ll
  r2 = r10
  r2 += -12
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  *(u64 *)(r0 + 0) = r7
pass:
  r0 = 2
  exit
