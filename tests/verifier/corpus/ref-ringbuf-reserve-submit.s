; Reserve a ring buffer record, check it, fill it and submit it.
; expect: accept
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 16
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  *(u64 *)(r0 + 0) = 1
  *(u64 *)(r0 + 8) = 2
  r1 = r0
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 0
  exit
