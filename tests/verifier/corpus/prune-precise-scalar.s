; Branches that leave different values in a register used later as an offset: both paths must be
; walked to the end (the register becomes precise).
; expect: accept
.prog xdp
.map m array key=4 value=16 max_entries=1
  call bpf_get_prandom_u32
  if r0 > 10 goto a
  r6 = 1
  goto join
a:
  r6 = 8
join:
  *(u32 *)(r10 - 8) = 0
  r2 = r10
  r2 += -8
  r1 = m ll
  call bpf_map_lookup_elem
  r0 += r6
  r0 = *(u8 *)(r0 + 0)
  r0 = 2
  exit
