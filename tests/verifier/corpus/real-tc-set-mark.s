; Realistic tc: mark IPv4 TCP packets and let everything through.
; expect: accept
.prog sched_cls
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u8 *)(r2 + 23)
  if r5 != 6 goto ok
  r5 = 0x42
  *(u32 *)(r1 + 8) = r5
ok:
  r0 = 0
  exit
