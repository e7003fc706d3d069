; bpf_map_delete_elem with a stack key; its result is a scalar.
; expect: accept
.prog sched_cls
.map h hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r1 = h ll
  r2 = r10
  r2 += -4
  call bpf_map_delete_elem
  r0 &= 1
  exit
