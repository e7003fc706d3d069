; Atomics must be aligned, even in map values.
; expect: reject misaligned
.prog sched_cls
.map m hash key=4 value=16 max_entries=1
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 4) += r1
out:
  r0 = 0
  exit
