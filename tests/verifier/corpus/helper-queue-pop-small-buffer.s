; bpf_map_pop_elem into a 4-byte buffer at fp-4 for an 8-byte value.
; expect: reject
.prog kprobe
.map q queue key=0 value=8 max_entries=16
  r1 = q ll
  r2 = r10
  r2 += -4
  call bpf_map_pop_elem
  r0 = 0
  exit
