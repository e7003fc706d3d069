; `if r0 != 0 goto use` with the use at the jump target.
; expect: accept
.prog xdp
.map m hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 != 0 goto use
  r0 = 1
  exit
use:
  r1 = *(u32 *)(r0 + 4)
  r0 = 2
  exit
