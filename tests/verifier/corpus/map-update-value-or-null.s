; Passing a lookup result that may be NULL as the value of bpf_map_update_elem.
; expect: reject
.prog xdp
.map h hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  r3 = r0
  r1 = h ll
  r2 = r10
  r2 += -4
  r4 = 0
  call bpf_map_update_elem
  r0 = 2
  exit
