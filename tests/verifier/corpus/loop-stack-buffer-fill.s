; Filling a 64-byte stack buffer in a loop with a variable stack pointer.
; expect: accept
.prog xdp
  r1 = r10
  r1 += -64
  r2 = 0
l:
  *(u64 *)(r1 + 0) = r2
  r1 += 8
  r2 += 1
  if r2 < 8 goto l
  r0 = *(u64 *)(r10 - 8)
  r0 = 2
  exit
