; Realistic tracepoint: count syscalls by id (raw_syscalls/sys_enter: id is a long at offset 8).
; expect: accept
.prog tracepoint
.map counts array key=4 value=8 max_entries=512
  r6 = *(u64 *)(r1 + 8)
  if r6 > 511 goto out
  *(u32 *)(r10 - 4) = r6
  r2 = r10
  r2 += -4
  r1 = counts ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = 0
  exit
