; A program whose last slot starts an ld_imm64 (exit patched to 0x18): the second half is missing,
; but the kernel first notices that the program does not end in exit or a jump.
; expect: reject last insn is not an exit or jmp
; patch: 1 code=0x18
.prog socket_filter
  r0 = 0
  exit
