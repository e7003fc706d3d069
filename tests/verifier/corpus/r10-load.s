; Loading into r10 writes the frame pointer (patched from a load into r9).
; expect: reject frame pointer is read only
; patch: 1 dst=10
.prog xdp
  *(u64 *)(r10 - 8) = 0
  r9 = *(u64 *)(r10 - 8)
  r0 = 0
  exit
