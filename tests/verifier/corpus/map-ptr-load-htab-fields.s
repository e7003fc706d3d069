; Members of the outer struct are readable too: struct bpf_htab's n_buckets and elem_size follow
; the embedded struct bpf_map.
; expect: accept
.prog kprobe
.map h hash key=4 value=8 max_entries=5
  r1 = h ll
  r0 = *(u32 *)(r1 + 760)
  r2 = *(u32 *)(r1 + 764)
  r0 += r2
  exit
