; Stack stores and loads of every size (the stack demands aligned accesses), partial reads of
; wider stores (little-endian), stores of
; immediates (truncated to the access size) and sign-extending loads (cpu v4).
.prog xdp
  r9 = 0x100000001b3 ll
  r0 = 0
  r1 = 0x8182838485868788 ll
  *(u64 *)(r10 - 8) = r1
  r3 = *(u8 *)(r10 - 8)
  r0 ^= r3
  r0 *= r9
  r3 = *(u16 *)(r10 - 6)
  r0 ^= r3
  r0 *= r9
  r3 = *(u32 *)(r10 - 4)
  r0 ^= r3
  r0 *= r9
  r3 = *(s8 *)(r10 - 1)
  r0 ^= r3
  r0 *= r9
  r3 = *(s16 *)(r10 - 2)
  r0 ^= r3
  r0 *= r9
  r3 = *(s32 *)(r10 - 8)
  r0 ^= r3
  r0 *= r9
  *(u32 *)(r10 - 16) = -2
  *(u32 *)(r10 - 12) = 0x7fffffff
  r3 = *(u64 *)(r10 - 16)
  r0 ^= r3
  r0 *= r9
  *(u64 *)(r10 - 24) = -3
  r3 = *(u64 *)(r10 - 24)
  r0 ^= r3
  r0 *= r9
  *(u16 *)(r10 - 26) = -1
  *(u8 *)(r10 - 27) = 0x180
  *(u8 *)(r10 - 28) = r1
  r3 = *(u32 *)(r10 - 28)
  r0 ^= r3
  r0 *= r9
  *(u16 *)(r10 - 32) = r1
  r3 = *(s16 *)(r10 - 32)
  r0 ^= r3
  r0 *= r9
  exit
