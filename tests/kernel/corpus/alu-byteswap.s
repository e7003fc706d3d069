; Byte order: be16/be32/be64 swap on little-endian hosts, le16/le32 truncate (zero-extend),
; le64 is a no-op, and bswap16/32/64 (cpu v4) swap unconditionally.
.prog xdp
  r9 = 0x100000001b3 ll
  r0 = 0
  r1 = 0x0102030405060708 ll
  r3 = r1
  r3 = be16 r3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 = be32 r3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 = be64 r3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 = le16 r3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 = le32 r3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 = le64 r3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 = bswap16 r3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 = bswap32 r3
  r0 ^= r3
  r0 *= r9
  r3 = r1
  r3 = bswap64 r3
  r0 ^= r3
  r0 *= r9
  exit
