; bpf_for_each_map_elem with a callback reading the value it is handed.
; expect: accept
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
  r0 = *(u64 *)(r3 + 0)
  r0 = 0
  exit
