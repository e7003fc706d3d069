; The key argument is a plain number, not a pointer.
; expect: reject R2 type=scalar expected=
.prog xdp
.map h hash key=4 value=8 max_entries=4
  r2 = 0
  r1 = h ll
  call bpf_map_lookup_elem
  r0 = 2
  exit
