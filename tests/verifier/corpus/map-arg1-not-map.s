; The first argument of bpf_map_lookup_elem must be a map pointer.
; expect: reject R1 type=fp expected=map_ptr
.prog xdp
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = r10
  call bpf_map_lookup_elem
  r0 = 2
  exit
