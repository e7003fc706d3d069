; The key may live in another map's value, as long as the value is large enough.
; expect: accept
.prog xdp
.map keys array key=4 value=8 max_entries=1
.map h hash key=8 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = keys ll
  call bpf_map_lookup_elem
  r2 = r0
  r1 = h ll
  call bpf_map_lookup_elem
  r0 = 2
  exit
