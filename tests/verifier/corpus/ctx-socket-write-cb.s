; socket_filter may write the cb[] scratch area (offsets 48..67).
; expect: accept
.prog socket_filter
  r2 = 1
  *(u32 *)(r1 + 48) = r2
  *(u32 *)(r1 + 64) = r2
  r0 = *(u32 *)(r1 + 52)
  exit
