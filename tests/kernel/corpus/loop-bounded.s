; A bounded loop the verifier unrolls in its analysis: sum and xor-mix over 0..99, with a
; 32-bit counter and a nested conditional.
.prog xdp
  r0 = 0
  r1 = 0
  r2 = 0
loop:
  r0 += r1
  r3 = r1
  r3 &= 3
  if r3 != 0 goto skip
  r2 ^= r0
  r2 <<= 1
skip:
  w1 += 1
  if w1 < 100 goto loop
  r0 <<= 32
  r0 |= r2
  exit
