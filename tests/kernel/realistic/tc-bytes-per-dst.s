; tc traffic accounting: adds skb->len to a per-destination byte counter (IPv4 destination as
; the key) in a hash map, creating the entry with bpf_map_update_elem(BPF_NOEXIST) when absent.
; Returns TC_ACT_OK.
; Inputs: two destinations, one of them already counted (1000 bytes), and an IPv6 packet (ignored).
.prog sched_cls
.map bytes hash key=4 value=8 max_entries=1024
; run: --packet eth/ipv4(dst=192.0.2.1)/udp/payload(text=0123456789)
; run: --packet eth/ipv4(dst=192.0.2.2)/tcp --map bytes=192.0.2.2=1000:u64 --map bytes=192.0.2.3=1:u64
; run: --packet eth/ipv6/udp
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u32 *)(r2 + 30)
  *(u32 *)(r10 - 4) = r5
  r7 = *(u32 *)(r6 + 0)
  r1 = bytes ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto insert
  lock *(u64 *)(r0 + 0) += r7
  goto ok
insert:
  *(u64 *)(r10 - 16) = r7
  r1 = bytes ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r4 = 1
  call bpf_map_update_elem
ok:
  r0 = 0
  exit
