; A scalar plus a pointer: the result is the pointer moved by the scalar (ctx + 0 here), still a
; usable context pointer.
; expect: accept
.prog socket_filter
  r2 = 0
  r2 += r1
  r0 = *(u32 *)(r2 + 0)
  exit
