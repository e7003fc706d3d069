; Submitting the reserve result before checking it for NULL.
; expect: reject
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  call bpf_ringbuf_reserve
  r1 = r0
  r2 = 0
  call bpf_ringbuf_submit
  r0 = 0
  exit
