; A copy of the context pointer is a context pointer.
; expect: accept
.prog socket_filter
  r6 = r1
  r1 = 0
  r0 = *(u32 *)(r6 + 0)
  exit
