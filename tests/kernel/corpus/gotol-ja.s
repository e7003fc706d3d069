; Unconditional jumps: goto with 16-bit offsets, gotol (cpu v4) with a 32-bit offset, and a
; jump over an ld_imm64 (two slots).
.prog xdp
  r0 = 1
  r2 = *(u32 *)(r1 + 12)
  if r2 == 0 goto z
  goto a
z:
  r0 = 2
a:
  if r2 == 7 goto y
  gotol b
y:
  r1 = 0x1234567812345678 ll
  r0 = 3
b:
  r0 <<= 4
  if r0 == 16 goto c
  r0 = 99
c:
  r1 = 0x0badcafe00000000 ll
  r0 |= r1
  goto +0
  exit
