; bpf_ringbuf_output copies a stack record into a ring buffer.
; expect: accept
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  *(u64 *)(r10 - 8) = 0
  r1 = events ll
  r2 = r10
  r2 += -8
  r3 = 8
  r4 = 0
  call bpf_ringbuf_output
  r0 = 0
  exit
