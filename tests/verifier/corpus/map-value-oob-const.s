; A u64 read at offset 4 of an 8-byte map value runs past value_size.
; expect: reject invalid access to map value, value_size=8 off=4 size=8
.prog xdp
.map m hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = *(u64 *)(r0 + 4)
out:
  r0 = 2
  exit
