; A stack pointer moved 600 bytes down, then written through.
; expect: reject invalid write to stack R1 off=-600 size=1
.prog xdp
  r1 = r10
  r1 += -600
  *(u8 *)(r1 + 0) = 0
  r0 = 2
  exit
