; Submitting the same record twice: after the first submit every copy is invalidated.
; expect: reject
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  r6 = r0
  r1 = r0
  r2 = 0
  call bpf_ringbuf_submit
  r1 = r6
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 0
  exit
