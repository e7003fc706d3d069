; Submitting a pointer into the middle of the record instead of its start.
; expect: reject
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 16
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  r0 += 8
  r1 = r0
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 0
  exit
