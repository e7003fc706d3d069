; A pointer member (bpf_map.ops at 40) may only be read whole: four bytes of it are refused.
; expect: reject cannot access ptr member ops with moff 40 in struct bpf_map with off 40 size 4
.prog kprobe
.map h hash key=4 value=8 max_entries=4
  r1 = h ll
  r0 = *(u32 *)(r1 + 40)
  exit
