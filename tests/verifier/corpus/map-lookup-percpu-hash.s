; A per-CPU hash lookup returns this CPU's value, which may be NULL.
; expect: accept
.prog kprobe
.map h percpu_hash key=8 value=8 max_entries=16
  call bpf_get_current_pid_tgid
  *(u64 *)(r10 - 8) = r0
  r2 = r10
  r2 += -8
  r1 = h ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = 0
  exit
