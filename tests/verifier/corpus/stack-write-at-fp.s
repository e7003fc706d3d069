; A store at r10 + 0 is above the stack (the stack is [fp-512, fp)).
; expect: reject invalid write to stack
.prog xdp
  *(u64 *)(r10 + 0) = 0
  r0 = 0
  exit
