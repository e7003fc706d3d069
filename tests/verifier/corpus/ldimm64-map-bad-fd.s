; A map reference by an fd that is no map (src = BPF_PSEUDO_MAP_FD, imm = 1000 with no map
; substituted by the loader).
; expect: reject
; patch: 0 src=1 imm=1000
.prog socket_filter
  r0 = 1 ll
  r0 = 0
  exit
