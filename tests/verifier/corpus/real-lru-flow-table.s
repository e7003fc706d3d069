; Realistic tc: an LRU flow table keyed by (saddr, daddr) storing last-seen time.
; expect: accept
.prog sched_cls
.map flows lru_hash key=8 value=8 max_entries=256
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  if r4 > r3 goto out
  r5 = *(u64 *)(r2 + 26)
  *(u64 *)(r10 - 8) = r5
  call bpf_ktime_get_ns
  *(u64 *)(r10 - 16) = r0
  r1 = flows ll
  r2 = r10
  r2 += -8
  r3 = r10
  r3 += -16
  r4 = 0
  call bpf_map_update_elem
out:
  r0 = 0
  exit
