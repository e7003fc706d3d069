; Ring buffers have no elements to look up; with key_size 0 the key argument is the first
; thing to fail.
; expect: reject invalid zero-sized read
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = events ll
  call bpf_map_lookup_elem
  r0 = 0
  exit
