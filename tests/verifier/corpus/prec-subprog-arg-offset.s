; A static subprogram uses its argument r1 as a pointer offset: backtracking runs out of the
; callee at its first instruction, hands r1 over to the caller's frame at the call, and marks the
; caller's source of r1 precise, so the caller's two paths (r1 = 1 and r1 = 6) are both walked.
; expect: accept
.prog xdp
.map m array key=4 value=16 max_entries=1
  call bpf_get_prandom_u32
  r6 = 1
  if r0 > 5 goto a
  r6 = 6
a:
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r2 = r0
  r1 = r6
  call use
out:
  r0 = 2
  exit
use:
  r2 += r1
  r0 = *(u8 *)(r2 + 0)
  r0 = 0
  exit
