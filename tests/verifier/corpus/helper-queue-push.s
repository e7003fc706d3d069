; bpf_map_push_elem on a queue map (keyless).
; expect: accept
.prog kprobe
.map q queue key=0 value=8 max_entries=16
  *(u64 *)(r10 - 8) = 5
  r1 = q ll
  r2 = r10
  r2 += -8
  r3 = 0
  call bpf_map_push_elem
  r0 = 0
  exit
