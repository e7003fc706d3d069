; Multiplication wraps (64 and 32 bits), negation of INT_MIN is INT_MIN, xor/or/and with
; sign-extended immediates.
.prog xdp
  r9 = 0x100000001b3 ll
  r0 = 0
  r1 = 0xdeadbeefcafebabe ll
  r2 = 0x123456789abcdef1 ll
  r3 = r1
  r3 *= r2
  r0 ^= r3
  r0 *= r9
  r3 = r1
  w3 *= w2
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 *= -3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  w3 *= -3
  r0 ^= r3
  r0 *= r9
  r3 = 0x8000000000000000 ll
  r3 = -r3
  r0 ^= r3
  r0 *= r9
  w3 = 0x80000000
  w3 = -w3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 ^= -16
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 -= r2
  r0 ^= r3
  r0 *= r9
  r3 = r1
  w3 -= w2
  r0 ^= r3
  r0 *= r9
  exit
