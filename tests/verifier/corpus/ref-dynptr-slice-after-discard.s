; bpf_dynptr_data gives a slice of the ring buffer record that holds the dynptr's reference: it is
; writable while the record is reserved and dead after the discard.
; expect: reject R6 invalid mem access 'scalar'
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
  r6 = r0
  if r6 == 0 goto out
  *(u64 *)(r6 + 0) = 7
out:
  r1 = r10
  r1 += -16
  r2 = 0
  call bpf_ringbuf_discard_dynptr
  if r6 == 0 goto done
  *(u64 *)(r6 + 0) = 8
done:
  r0 = 0
  exit
