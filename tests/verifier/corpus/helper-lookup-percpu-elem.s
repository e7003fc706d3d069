; bpf_map_lookup_percpu_elem on a per-CPU array, with a NULL check.
; expect: accept
.prog kprobe
.map pc percpu_array key=4 value=8 max_entries=2
  *(u32 *)(r10 - 4) = 0
  r1 = pc ll
  r2 = r10
  r2 += -4
  r3 = 0
  call bpf_map_lookup_percpu_elem
  if r0 == 0 goto out
  r0 = *(u64 *)(r0 + 0)
out:
  r0 = 0
  exit
