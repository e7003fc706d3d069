; An array lookup with a constant key past max_entries may return NULL.
; expect: reject R0 invalid mem access 'map_value_or_null'
.prog xdp
.map arr array key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 4
  r2 = r10
  r2 += -4
  r1 = arr ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
