; A read before the start of a map value.
; expect: reject invalid access to map value, value_size=8 off=-4 size=4
.prog xdp
.map m hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = *(u32 *)(r0 - 4)
out:
  r0 = 2
  exit
