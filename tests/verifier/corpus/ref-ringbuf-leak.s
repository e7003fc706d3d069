; Reserving a record and exiting without submitting or discarding it leaks the reference.
; expect: reject Unreleased reference id=2 alloc_insn=4
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  *(u64 *)(r0 + 0) = 1
out:
  r0 = 0
  exit
