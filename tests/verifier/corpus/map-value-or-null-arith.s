; Pointer arithmetic on a lookup result before its NULL check.
; expect: reject R0 pointer arithmetic on map_value_or_null prohibited, null-check it first
.prog xdp
.map h hash key=4 value=16 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  r0 += 8
  if r0 == 0 goto out
  r1 = *(u64 *)(r0 + 0)
out:
  r0 = 2
  exit
