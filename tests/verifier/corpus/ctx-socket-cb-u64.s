; cb[] may be read and written 8 bytes at a time at an 8-aligned offset (cb[0..1] at 48).
; expect: accept
.prog socket_filter
  r2 = 5
  *(u64 *)(r1 + 48) = r2
  r0 = *(u64 *)(r1 + 48)
  exit
