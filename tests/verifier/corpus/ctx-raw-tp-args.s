; raw_tracepoint programs read the u64 args[] array.
; expect: accept
.prog raw_tracepoint
  r2 = *(u64 *)(r1 + 0)
  r3 = *(u64 *)(r1 + 8)
  r0 = 0
  exit
