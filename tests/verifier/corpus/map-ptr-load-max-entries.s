; Reading max_entries through an array map's pointer: struct bpf_array starts with struct bpf_map,
; whose u32 max_entries sits at offset 76 (6.18, x86_64); the load yields a scalar.
; expect: accept
.prog kprobe
.map a array key=4 value=16 max_entries=6
  r1 = a ll
  r0 = *(u32 *)(r1 + 76)
  r2 = *(u32 *)(r1 + 72)
  r0 += r2
  exit
