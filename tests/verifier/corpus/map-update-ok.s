; bpf_map_update_elem with key and value on the stack.
; expect: accept
.prog xdp
.map h hash key=4 value=16 max_entries=4
  *(u32 *)(r10 - 4) = 7
  *(u64 *)(r10 - 16) = 1
  *(u64 *)(r10 - 24) = 2
  r1 = h ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -24
  r4 = 0
  call bpf_map_update_elem
  r0 = 2
  exit
