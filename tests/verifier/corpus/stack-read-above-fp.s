; A load above the frame pointer.
; expect: reject invalid read from stack
.prog xdp
  r0 = *(u32 *)(r10 + 4)
  exit
