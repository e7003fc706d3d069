; A tail call while holding a ring buffer reservation would leak it.
; expect: reject
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
.map progs prog_array key=4 value=4 max_entries=4
  r6 = r1
  r1 = events ll
  r2 = 8
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  r7 = r0
  r1 = r6
  r2 = progs ll
  r3 = 0
  call bpf_tail_call
  r1 = r7
  r2 = 0
  call bpf_ringbuf_discard
out:
  r0 = 0
  exit
