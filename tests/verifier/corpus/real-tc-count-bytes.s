; Realistic tc: add each packet's length to a per-ifindex byte counter in a hash map.
; expect: accept
.prog sched_cls
.map bytes hash key=4 value=8 max_entries=64
  r6 = *(u32 *)(r1 + 0)
  r7 = *(u32 *)(r1 + 40)
  *(u32 *)(r10 - 4) = r7
  r2 = r10
  r2 += -4
  r1 = bytes ll
  call bpf_map_lookup_elem
  if r0 == 0 goto insert
  lock *(u64 *)(r0 + 0) += r6
  goto out
insert:
  *(u64 *)(r10 - 16) = r6
  r1 = bytes ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r4 = 1
  call bpf_map_update_elem
out:
  r0 = 0
  exit
