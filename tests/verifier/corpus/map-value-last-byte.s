; The last byte and last word of a 16-byte map value are in bounds.
; expect: accept
.prog sched_cls
.map m array key=4 value=16 max_entries=2
  *(u32 *)(r10 - 4) = 1
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  *(u8 *)(r0 + 15) = 1
  r1 = *(u64 *)(r0 + 8)
out:
  r0 = 0
  exit
