; A write past the reserved size.
; expect: reject invalid access to memory, mem_size=8 off=8 size=8
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  *(u64 *)(r0 + 8) = 1
  r1 = r0
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 0
  exit
