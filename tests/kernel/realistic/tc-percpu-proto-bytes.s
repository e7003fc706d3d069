; tc per-CPU byte counters by EtherType: a percpu_hash keyed by the frame's EtherType (as the
; kernel reads skb->protocol) adds skb->len without atomics; new keys are inserted with BPF_ANY.
; Returns TC_ACT_OK.
; Inputs: IPv4, IPv6 (key already present with 100 bytes on every CPU), ARP.
.prog sched_cls
.map proto_bytes percpu_hash key=4 value=8 max_entries=16
; run: --packet eth/ipv4/udp
; run: --packet eth/ipv6/tcp --map proto_bytes=0xdd86:u32=100:u64
; run: --packet eth/arp
  r6 = r1
  r2 = *(u32 *)(r1 + 16)
  *(u32 *)(r10 - 4) = r2
  r7 = *(u32 *)(r6 + 0)
  r1 = proto_bytes ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto insert
  r1 = *(u64 *)(r0 + 0)
  r1 += r7
  *(u64 *)(r0 + 0) = r1
  goto ok
insert:
  *(u64 *)(r10 - 16) = r7
  r1 = proto_bytes ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r4 = 0
  call bpf_map_update_elem
ok:
  r0 = 0
  exit
