; Checking a copy of the lookup result refines the original too (they share an id).
; expect: accept
.prog xdp
.map m hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  r6 = r0
  if r6 == 0 goto out
  r1 = *(u64 *)(r0 + 0)
out:
  r0 = 2
  exit
