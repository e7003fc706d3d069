; Key 0 stored at fp-4: zero bytes are tracked as zeros even in an unaligned slot, so the key is
; the constant 0.
; expect: accept
.prog xdp
.map arr array key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = arr ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
