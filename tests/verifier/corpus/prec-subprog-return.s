; A static subprogram's return value becomes a pointer offset in the caller: backtracking walks
; back through the callee's exit into its body (r0 precise in frame 1), then returns to frame 0.
; expect: accept
.prog xdp
.map m array key=4 value=16 max_entries=1
  call bpf_get_prandom_u32
  r6 = r0
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r7 = r0
  r1 = r6
  call pick
  r7 += r0
  r0 = *(u8 *)(r7 + 0)
out:
  r0 = 2
  exit
pick:
  r0 = 4
  if r1 > 7 goto big
  r0 = 2
big:
  exit
