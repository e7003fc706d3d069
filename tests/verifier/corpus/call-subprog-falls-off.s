; The last subprogram ends without exit or a jump back.
; expect: reject
; patch: 4 code=0xb7 dst=0 imm=0
.prog xdp
  call f
  r0 = 2
  exit
f:
  r0 = 1
  exit
