; Realistic XDP with a subprogram: fold a 32-bit sum into a 16-bit checksum in a helper function.
; expect: accept
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto out
  r1 = *(u32 *)(r2 + 14)
  r5 = *(u32 *)(r2 + 18)
  r1 += r5
  call fold
  if r0 == 0 goto out
  r0 = 2
  exit
out:
  r0 = 1
  exit
fold:
  r0 = r1
  r0 >>= 16
  r1 &= 0xffff
  r0 += r1
  r1 = r0
  r1 >>= 16
  r0 += r1
  r0 ^= 0xffff
  r0 &= 0xffff
  exit
