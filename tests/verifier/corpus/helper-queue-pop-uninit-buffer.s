; bpf_map_pop_elem writes the value into an uninitialised stack buffer (no init needed).
; expect: accept
.prog kprobe
.map q queue key=0 value=8 max_entries=16
  r1 = q ll
  r2 = r10
  r2 += -8
  call bpf_map_pop_elem
  r0 = *(u64 *)(r10 - 8)
  r0 = 0
  exit
