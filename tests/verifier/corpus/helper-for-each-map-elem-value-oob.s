; The callback reads past the 8-byte value it is handed.
; expect: reject invalid access to map value, value_size=8 off=8 size=8
.prog xdp
.map h hash key=4 value=8 max_entries=8
  r1 = h ll
  r2 = subprog[+6]
  r3 = 0
  r4 = 0
  call bpf_for_each_map_elem
  r0 = 2
  exit
cb:
  r0 = *(u64 *)(r3 + 8)
  r0 = 0
  exit
