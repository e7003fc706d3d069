; The second slot of an ld_imm64 must have zero registers (dst patched to 1).
; expect: reject invalid bpf_ld_imm64 insn
; patch: 1 dst=1
.prog socket_filter
  r0 = 1 ll
  exit
