; An array lookup with a constant in-range key is never NULL in 6.18: no check needed. The key is
; an immediate stored at an 8-aligned slot (tracked like a spilled constant).
; expect: accept
.prog xdp
.map arr array key=4 value=8 max_entries=4
  *(u32 *)(r10 - 8) = 3
  r2 = r10
  r2 += -8
  r1 = arr ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
