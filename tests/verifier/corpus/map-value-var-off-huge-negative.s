; An index whose minimum is a huge negative number (a square of an s32): the pointer math is
; refused because the pointer could end up far out of bounds (EINVAL, not EACCES).
; expect: reject makes map_value pointer be out of bounds
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
  r0 <<= 32
  r0 s>>= 32
  r1 = r0
  r1 *= r0
  r6 += r1
  r0 = *(u8 *)(r6 + 0)
out:
  r0 = 2
  exit
