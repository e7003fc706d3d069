; Index 0..60 is fine for a byte but a u64 at offset 60 of a 64-byte value is not.
; expect: reject invalid access to map value, value_size=64 off=60 size=8
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
  r0 &= 60
  r6 += r0
  r0 = *(u64 *)(r6 + 0)
out:
  r0 = 2
  exit
