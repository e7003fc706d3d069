; Any write to the frame pointer r10 is refused (r9 = 0 patched to r10 = 0: the assembler
; refuses to write it).
; expect: reject frame pointer is read only
; patch: 0 dst=10
.prog xdp
  r9 = 0
  r0 = 0
  exit
