; A hash lookup may return NULL whatever the key: constant keys only help arrays.
; expect: reject R0 invalid mem access 'map_value_or_null'
.prog xdp
.map h hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
