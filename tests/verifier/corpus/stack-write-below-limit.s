; A constant-offset store below the 512-byte stack.
; expect: reject invalid write to stack R10 off=-520 size=8
.prog xdp
  *(u64 *)(r10 - 520) = 0
  r0 = 0
  exit
