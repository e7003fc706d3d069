; Tracepoint programs read their record from offset 8 on (after the common header).
; expect: accept
.prog tracepoint
  r2 = *(u64 *)(r1 + 8)
  r3 = *(u32 *)(r1 + 16)
  r0 = 0
  exit
