; An ld_imm64 with an unknown source (src = 7).
; expect: reject
; patch: 0 src=7
.prog socket_filter
  r0 = 1 ll
  exit
