; A 16-byte key read from an 8-byte map value overruns the value.
; expect: reject invalid access to map value, value_size=8 off=0 size=16
.prog xdp
.map keys array key=4 value=8 max_entries=1
.map h hash key=16 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = keys ll
  call bpf_map_lookup_elem
  r2 = r0
  r1 = h ll
  call bpf_map_lookup_elem
  r0 = 2
  exit
