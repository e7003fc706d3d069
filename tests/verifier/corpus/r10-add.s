; Pointer arithmetic in place on r10 is a write to the frame pointer (patched from r9 += -8).
; expect: reject frame pointer is read only
; patch: 1 dst=10
.prog xdp
  r9 = 0
  r9 += -8
  r0 = 0
  exit
