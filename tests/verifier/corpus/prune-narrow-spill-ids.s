; Found by the fuzzer (fuzz-2026-3132, minimized): one path spills a full-width scalar narrowly
; (the spill loses the register's id), the other spills a byte-sized one (id kept, register and
; slot linked). The second path is pruned at insn 23 against the first one's checkpoint: an old
; scalar without an id was linked to nothing, so the current one's links only add constraints
; (check_scalar_ids returns true for old id 0).
; expect: accept
.prog socket_filter
.map h16 hash key=4 value=16 max_entries=64
.map h8 hash key=4 value=8 max_entries=64
.map h64 hash key=4 value=64 max_entries=64
  r6 = r1
  call bpf_get_prandom_u32
  r9 = r0
  r9 &= 255
  if r9 s> 7 goto l0
  r1 = h16 ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -24
  r4 = 1
  call bpf_map_update_elem
  r0 = *(u8 *)skb[47]
  r9 = r0
l0:
  *(u32 *)(r10 - 8) = r9
  r2 = r10
  r2 += -8
  r1 = h8 ll
  call bpf_map_lookup_elem
  r7 = r0
  if r7 == 0 goto l2
l2:
  r8 = (s16)r9
  r2 = r10
  r2 += -4
  r1 = h64 ll
  call bpf_map_lookup_elem
  if r0 == 0 goto l3
  r0 += r8
l3:
  exit

