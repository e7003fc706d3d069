; The constant key may be spilled from a register (a known scalar spill), not only stored as an
; immediate.
; expect: accept
.prog xdp
.map arr array key=4 value=8 max_entries=4
  r1 = 1
  *(u32 *)(r10 - 8) = r1
  r2 = r10
  r2 += -8
  r1 = arr ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
