; The flags argument (r4) of bpf_map_update_elem is never set.
; expect: reject R4 !read_ok
.prog xdp
.map h hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  *(u64 *)(r10 - 16) = 0
  r1 = h ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  call bpf_map_update_elem
  r0 = 2
  exit
