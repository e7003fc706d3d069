; After adding a variable offset the new pointer has no proven range of its own.
; expect: reject invalid access to packet
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto bad
  r5 = *(u8 *)(r2 + 14)
  r5 &= 15
  r5 <<= 2
  r6 = r2
  r6 += 14
  r6 += r5
  r0 = *(u16 *)(r6 + 2)
bad:
  r0 = 2
  exit
