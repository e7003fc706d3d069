; Subtracting a constant from the context pointer and adding it back gives the original offset.
; expect: accept
.prog socket_filter
  r1 += 8
  r1 += -8
  r0 = *(u32 *)(r1 + 0)
  exit
