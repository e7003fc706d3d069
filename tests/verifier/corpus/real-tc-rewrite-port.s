; Realistic tc: rewrite a UDP destination port with bpf_skb_store_bytes (with checksum flags off).
; expect: accept
.prog sched_cls
  r6 = r1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 42
  if r4 > r3 goto ok
  r5 = *(u8 *)(r2 + 23)
  if r5 != 17 goto ok
  *(u16 *)(r10 - 2) = 0x5000
  r1 = r6
  r2 = 36
  r3 = r10
  r3 += -2
  r4 = 2
  r5 = 0
  call bpf_skb_store_bytes
ok:
  r0 = 0
  exit
