; Bytes 36..39 of struct bpf_map are padding between u32 excl and the ops pointer: btf_struct_walk
; finds no member there.
; expect: reject struct bpf_map doesn't have field at offset 36
.prog kprobe
.map h hash key=4 value=8 max_entries=4
  r1 = h ll
  r0 = *(u32 *)(r1 + 36)
  exit
