; ALU64 operation 0xe0 does not exist (0xe7 patched over r0 = 0's 0xb7): refused before the walk.
; expect: reject unknown opcode e7
; patch: 0 code=0xe7
.prog socket_filter
  r0 = 0
  exit
