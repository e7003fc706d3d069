; 32-bit arithmetic on a map value pointer is prohibited.
; expect: reject R0 32-bit pointer arithmetic prohibited
.prog xdp
.map h hash key=4 value=16 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  w0 += 8
out:
  r0 = 2
  exit
