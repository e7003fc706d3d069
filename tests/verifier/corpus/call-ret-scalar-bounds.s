; The callee's return value keeps its bounds: 0..7 indexes an 8-byte value safely.
; expect: accept
.prog xdp
.map m array key=4 value=8 max_entries=1
  *(u32 *)(r10 - 8) = 0
  r2 = r10
  r2 += -8
  r1 = m ll
  call bpf_map_lookup_elem
  r6 = r0
  call idx
  r6 += r0
  r0 = *(u8 *)(r6 + 0)
  r0 = 2
  exit
idx:
  call bpf_get_prandom_u32
  r0 &= 7
  exit
