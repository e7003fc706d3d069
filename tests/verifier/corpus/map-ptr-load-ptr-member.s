; Reading bpf_map.inner_map_meta (a struct bpf_map pointer at 48) whole gives a BTF pointer
; (ptr_bpf_map) the program may keep; reading bpf_map.security (void *) gives untrusted memory.
; expect: accept
.prog kprobe
.map h hash key=4 value=8 max_entries=4
  r1 = h ll
  r2 = *(u64 *)(r1 + 48)
  r3 = *(u64 *)(r1 + 56)
  r0 = 0
  exit
