; The lookup result spilled before the check and filled after it is refined too.
; expect: accept
.prog xdp
.map m hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  *(u64 *)(r10 - 16) = r0
  if r0 == 0 goto out
  r1 = *(u64 *)(r10 - 16)
  r0 = *(u64 *)(r1 + 0)
out:
  r0 = 2
  exit
