; A byte store one past the end of a 16-byte map value.
; expect: reject invalid access to map value, value_size=16 off=16 size=1
.prog sched_cls
.map m array key=4 value=16 max_entries=2
  *(u32 *)(r10 - 4) = 1
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  *(u8 *)(r0 + 16) = 1
out:
  r0 = 0
  exit
