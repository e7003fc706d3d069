; A per-CPU array with a constant key behaves like an array here: never NULL.
; expect: accept
.prog sched_cls
.map counters percpu_array key=4 value=8 max_entries=2
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = counters ll
  call bpf_map_lookup_elem
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  r0 = 0
  exit
