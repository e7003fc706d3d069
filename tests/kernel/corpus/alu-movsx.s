; Sign-extending moves (cpu v4): 64-bit forms extend to 64 bits, 32-bit forms extend to 32 and
; zero the upper half.
.prog xdp
  r9 = 0x100000001b3 ll
  r0 = 0
  r1 = 0x1234567887654380 ll
  r3 = (s8)r1
  r0 ^= r3
  r0 *= r9
  r3 = (s16)r1
  r0 ^= r3
  r0 *= r9
  r3 = (s32)r1
  r0 ^= r3
  r0 *= r9
  w3 = (s8)w1
  r0 ^= r3
  r0 *= r9
  w3 = (s16)w1
  r0 ^= r3
  r0 *= r9
  r1 = 0x7f7f7f7f ll
  r3 = (s8)r1
  r0 ^= r3
  r0 *= r9
  w3 = (s16)w1
  r0 ^= r3
  r0 *= r9
  r3 = (s32)r1
  r0 ^= r3
  r0 *= r9
  exit
