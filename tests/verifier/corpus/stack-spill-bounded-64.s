; A 64-bit spill keeps a scalar's bounds: 0..7 after the fill still indexes an 8-byte value.
; expect: accept
.prog xdp
.map m array key=4 value=8 max_entries=1
  call bpf_get_prandom_u32
  r0 &= 7
  *(u64 *)(r10 - 16) = r0
  *(u32 *)(r10 - 8) = 0
  r2 = r10
  r2 += -8
  r1 = m ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r10 - 16)
  r0 += r1
  r0 = *(u8 *)(r0 + 0)
  r0 = 2
  exit
