; Opcode 0x00 (class LD, mode IMM, size W) is not an instruction.
; expect: reject
; patch: 0 code=0x00
.prog socket_filter
  r0 = 0
  exit
