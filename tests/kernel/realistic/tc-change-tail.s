; tc padding: frames shorter than 64 bytes are padded to 64 with bpf_skb_change_tail (new bytes
; are zero) and the last 4 bytes are set to a marker with bpf_skb_store_bytes; longer frames are
; left alone. The new length is returned in an array map. Returns TC_ACT_OK.
; Inputs: a 42-byte UDP frame, a 60-byte frame, a 70-byte frame.
.prog sched_cls
.map lens array key=4 value=8 max_entries=1
; run: --packet eth/ipv4/udp
; run: --packet eth/ipv4/tcp/payload(hex=010203040506)
; run: --packet eth/ipv4/tcp/payload(hex=0102030405060708090a0b0c0d0e0f10)
  r6 = r1
  r7 = *(u32 *)(r1 + 0)
  if r7 >= 64 goto ok
  r1 = r6
  r2 = 64
  r3 = 0
  call bpf_skb_change_tail
  if r0 != 0 goto shot
  r1 = 0xfeedf00d
  *(u32 *)(r10 - 4) = r1
  r1 = r6
  r2 = 60
  r3 = r10
  r3 += -4
  r4 = 4
  r5 = 0
  call bpf_skb_store_bytes
  if r0 != 0 goto shot
  r7 = *(u32 *)(r6 + 0)
ok:
  r1 = 0
  *(u32 *)(r10 - 8) = r1
  r1 = lens ll
  r2 = r10
  r2 += -8
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  *(u64 *)(r0 + 0) = r7
out:
  r0 = 0
  exit
shot:
  r0 = 2
  exit
