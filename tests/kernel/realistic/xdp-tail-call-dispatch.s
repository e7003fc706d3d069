; XDP dispatcher: tail-calls the handler stored in a program array at the slot named by the IP
; protocol (TCP 6, UDP 17). No handler is installed, so bpf_tail_call returns and the fallback
; path counts the miss per protocol and passes the frame.
; Inputs: TCP, UDP, ICMP (slot 1), a protocol past the array (GRE, 47).
.prog xdp
.map handlers prog_array key=4 value=4 max_entries=32
.map misses array key=4 value=8 max_entries=32
; run: --packet eth/ipv4/tcp
; run: --packet eth/ipv4/udp
; run: --packet eth/ipv4/icmp
; run: --data 02000000000202000000000108004500001c00010000402f000000000000000000000000000000000000
  r6 = r1
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r7 = *(u8 *)(r2 + 23)
  r1 = r6
  r2 = handlers ll
  r3 = r7
  call bpf_tail_call
  if r7 > 31 goto pass
  *(u32 *)(r10 - 4) = r7
  r1 = misses ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
pass:
  r0 = 2
  exit
