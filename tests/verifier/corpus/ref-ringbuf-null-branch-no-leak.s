; On the NULL branch there is nothing to release: returning there is fine.
; expect: accept
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 != 0 goto have
  r0 = 0
  exit
have:
  r1 = r0
  r2 = 0
  call bpf_ringbuf_discard
  r0 = 0
  exit
