; Alignment is checked on the pointer's offset plus the instruction's: fp-3 + -1 = fp-4 for a u16.
; expect: reject misaligned stack access
.prog xdp
  r1 = r10
  r1 += -3
  *(u16 *)(r1 - 2) = 0
  r0 = 0
  exit
