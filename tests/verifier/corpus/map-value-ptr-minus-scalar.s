; Subtracting a bounded scalar from a value pointer can reach before the value
; (the variable part is negative).
; expect: reject R6 min value is negative, either use unsigned index or do a if (index >=0) check.
.prog xdp
.map m hash key=4 value=64 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r6 = r0
  r6 += 8
  call bpf_get_prandom_u32
  r0 &= 15
  r6 -= r0
  r0 = *(u8 *)(r6 + 0)
out:
  r0 = 2
  exit
