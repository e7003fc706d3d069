; A prog_array may only be passed to bpf_tail_call: a lookup is refused (the map type's side of
; check_map_func_compatibility).
; expect: reject cannot pass map_type 3 into func bpf_map_lookup_elem#1
.prog kprobe
.map p prog_array key=4 value=4 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = p ll
  call bpf_map_lookup_elem
  r0 = 0
  exit
