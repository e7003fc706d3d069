; The last instruction is not an exit or a jump (exit patched to r0 = 0).
; expect: reject last insn is not an exit or jmp
; patch: 1 code=0xb7
.prog socket_filter
  r0 = 0
  exit
