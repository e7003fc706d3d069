; The second slot of an ld_imm64 must have a zero code (patched to 0x07).
; expect: reject invalid bpf_ld_imm64 insn
; patch: 1 code=0x07
.prog socket_filter
  r0 = 1 ll
  exit
