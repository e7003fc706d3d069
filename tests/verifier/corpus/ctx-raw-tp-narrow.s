; A u32 read of a raw_tracepoint argument.
; expect: accept
.prog raw_tracepoint
  r0 = *(u32 *)(r1 + 8)
  r0 = 0
  exit
