; Realistic XDP: drop UDP packets to port 53 over IPv4 (fixed 20-byte IP header), pass the rest.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 42
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 17 goto pass
  r5 = *(u16 *)(r2 + 36)
  if r5 != 0x3500 goto pass
  r0 = 1
  exit
pass:
  r0 = 2
  exit
