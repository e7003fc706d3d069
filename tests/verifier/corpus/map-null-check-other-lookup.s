; Two lookups: checking the first result says nothing about the second.
; expect: reject R7 invalid mem access 'map_value_or_null'
.prog xdp
.map m hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  r6 = r0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  r7 = r0
  if r6 == 0 goto out
  r0 = *(u64 *)(r7 + 0)
out:
  r0 = 2
  exit
