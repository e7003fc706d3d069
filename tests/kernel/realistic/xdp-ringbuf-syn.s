; XDP connection logger: for every IPv4 TCP SYN, reserves a 16-byte record in a ring buffer
; (source and destination address, ports, protocol), fills it and submits it; counts sent and
; failed reservations in an array map. Always XDP_PASS.
; Inputs: a SYN, a SYN-ACK (not logged), another SYN from a different host, UDP.
.prog xdp
.map events ringbuf key=0 value=0 max_entries=4096
.map stats array key=4 value=8 max_entries=2
; run: --packet eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(sport=33000,dport=22,flags=S)
; run: --packet eth/ipv4/tcp(flags=SA)
; run: --packet eth/ipv4(src=172.16.5.4,dst=10.0.0.2)/tcp(sport=1025,dport=443,flags=S) --map stats=0:u32=41:u64
; run: --packet eth/ipv4/udp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 54
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u8 *)(r2 + 14)
  if r5 != 0x45 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 6 goto pass
  r5 = *(u8 *)(r2 + 47)
  r5 &= 0x12
  if r5 != 0x02 goto pass
  r6 = *(u32 *)(r2 + 26)
  r7 = *(u32 *)(r2 + 30)
  r8 = *(u32 *)(r2 + 34)
  r1 = events ll
  r2 = 16
  r3 = 0
  call bpf_ringbuf_reserve
  r9 = 1
  if r0 == 0 goto count
  *(u32 *)(r0 + 0) = r6
  *(u32 *)(r0 + 4) = r7
  *(u32 *)(r0 + 8) = r8
  *(u32 *)(r0 + 12) = 6
  r1 = r0
  r2 = 0
  call bpf_ringbuf_submit
  r9 = 0
count:
  *(u32 *)(r10 - 4) = r9
  r1 = stats ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
pass:
  r0 = 2
  exit
