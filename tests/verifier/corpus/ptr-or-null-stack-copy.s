; A map_value_or_null spilled to the stack, checked via the fill, is usable after the check.
; expect: accept
.prog xdp
.map m hash key=4 value=8 max_entries=1
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  *(u64 *)(r10 - 16) = r0
  r6 = *(u64 *)(r10 - 16)
  if r6 == 0 goto out
  r0 = *(u64 *)(r6 + 0)
out:
  r0 = 2
  exit
