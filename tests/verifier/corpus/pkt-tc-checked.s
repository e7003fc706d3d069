; tc (sched_cls) reads __sk_buff.data/data_end (offsets 76 and 80) and accesses the packet.
; expect: accept
.prog sched_cls
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 14
  if r4 > r3 goto out
  r0 = *(u16 *)(r2 + 12)
  *(u8 *)(r2 + 0) = 0
out:
  r0 = 0
  exit
