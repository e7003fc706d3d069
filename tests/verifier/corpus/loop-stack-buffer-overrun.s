; The same fill loop runs one iteration too many and writes at fp+0.
; expect: reject invalid write to stack R1 off=0 size=8
.prog xdp
  r1 = r10
  r1 += -64
  r2 = 0
l:
  *(u64 *)(r1 + 0) = r2
  r1 += 8
  r2 += 1
  if r2 < 9 goto l
  r0 = 2
  exit
