; A prog_array's pointer reads as struct bpf_array too (its elem_size at 296).
; expect: accept
.prog kprobe
.map p prog_array key=4 value=4 max_entries=4
  r1 = p ll
  r0 = *(u32 *)(r1 + 296)
  exit
