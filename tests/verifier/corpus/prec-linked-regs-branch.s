; Copies of one scalar share an id; a branch on one copy bounds them all (sync_linked_regs) and
; the jump history records the linked set, so precision spreads to every copy when backtracking.
; expect: accept
.prog xdp
.map m array key=4 value=16 max_entries=1
  call bpf_get_prandom_u32
  r7 = r0
  r8 = r0
  if r7 > 12 goto out
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r0 += r8
  r0 = *(u8 *)(r0 + 0)
out:
  r0 = 2
  exit
