; bpf_ringbuf_output needs a ring buffer map (the helper's side).
; expect: reject cannot pass map_type 1 into func bpf_ringbuf_output#130
.prog kprobe
.map h hash key=4 value=8 max_entries=4
  *(u64 *)(r10 - 8) = 0
  r1 = h ll
  r2 = r10
  r2 += -8
  r3 = 8
  r4 = 0
  call bpf_ringbuf_output
  r0 = 0
  exit
