; load_acquire from a map value is fine.
; expect: accept
.prog xdp
.map m array key=4 value=8 max_entries=1
  *(u32 *)(r10 - 8) = 0
  r2 = r10
  r2 += -8
  r1 = m ll
  call bpf_map_lookup_elem
  r1 = load_acquire((u64 *)(r0 + 0))
  r0 = 2
  exit
