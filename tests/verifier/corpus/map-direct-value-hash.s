; Hash maps have no direct value access: the ld_imm64 itself is refused.
; expect: reject
.prog xdp
.map h hash key=4 value=16 max_entries=1
  r1 = map[idx:0]+0
  r0 = 2
  exit
