; Storing a pointer into a map value: privileged programs may (no leak check for root).
; expect: accept
.prog xdp
.map h hash key=4 value=16 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  *(u64 *)(r0 + 0) = r10
out:
  r0 = 2
  exit
