; A slice of a reserved ring buffer dynptr (bpf_dynptr_data, 8 bytes) is written after a NULL
; check, then the record is submitted.
; expect: accept
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 16
  r3 = 0
  r4 = r10
  r4 += -16
  call bpf_ringbuf_reserve_dynptr
  r1 = r10
  r1 += -16
  r2 = 0
  r3 = 8
  call bpf_dynptr_data
  if r0 == 0 goto out
  *(u64 *)(r0 + 0) = 7
out:
  r1 = r10
  r1 += -16
  r2 = 0
  call bpf_ringbuf_submit_dynptr
  r0 = 0
  exit
