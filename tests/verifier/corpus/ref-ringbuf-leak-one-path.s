; The record is submitted on one path but forgotten on the other.
; expect: reject Unreleased reference
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  r6 = r0
  call bpf_get_prandom_u32
  if r0 > 100 goto out
  r1 = r6
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 0
  exit
