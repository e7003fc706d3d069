; Realistic cgroup_skb: count packets and bytes per direction in an array, allow everything.
; expect: accept
.prog cgroup_skb
.map stats array key=4 value=16 max_entries=1
  r6 = *(u32 *)(r1 + 0)
  *(u32 *)(r10 - 8) = 0
  r2 = r10
  r2 += -8
  r1 = stats ll
  call bpf_map_lookup_elem
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  lock *(u64 *)(r0 + 8) += r6
  r0 = 1
  exit
