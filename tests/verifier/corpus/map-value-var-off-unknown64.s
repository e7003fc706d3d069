; bpf_get_prandom_u32's result is a fully unknown 64-bit scalar in 6.18's eyes (its minimum is
; S64_MIN), so adding it to a map value pointer is refused.
; expect: reject math between map_value pointer and register with unbounded min value is not allowed
.prog xdp
.map m hash key=4 value=64 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r6 = r0
  call bpf_get_prandom_u32
  r6 += r0
  r0 = *(u8 *)(r6 + 0)
out:
  r0 = 2
  exit
