; Conditional jumps at the signed/unsigned boundaries, 64-bit and 32-bit (jmp32 compares only
; the low halves): each outcome sets one bit of r0.
.prog xdp
  r0 = 0
  r1 = 0xffffffff00000001 ll
  r2 = 0x0000000180000000 ll
  if r1 > r2 goto l1
  r0 |= 1
l1:
  if r1 s> r2 goto l2
  r0 |= 2
l2:
  if w1 > w2 goto l3
  r0 |= 4
l3:
  if w1 s> w2 goto l4
  r0 |= 8
l4:
  if r1 s< 0 goto l5
  r0 |= 16
l5:
  if w1 s< 0 goto l6
  r0 |= 32
l6:
  if w2 s< 0 goto l7
  r0 |= 64
l7:
  if r1 & 0x2 goto l8
  r0 |= 128
l8:
  if w1 == 1 goto l9
  r0 |= 256
l9:
  if r1 == 1 goto l10
  r0 |= 512
l10:
  if r2 >= r2 goto l11
  r0 |= 1024
l11:
  if r1 s<= -1 goto l12
  r0 |= 2048
l12:
  if w2 <= 0x80000000 goto l13
  r0 |= 4096
l13:
  if r2 != -1 goto l14
  r0 |= 8192
l14:
  if w1 s>= w2 goto l15
  r0 |= 16384
l15:
  if r1 < -1 goto l16
  r0 |= 32768
l16:
  if w2 & w1 goto l17
  r0 |= 65536
l17:
  exit
