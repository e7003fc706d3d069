; A ring buffer dynptr holds a reference: its slots may not be overwritten before the submit.
; expect: reject cannot overwrite referenced dynptr
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  r4 = r10
  r4 += -16
  call bpf_ringbuf_reserve_dynptr
  *(u32 *)(r10 - 12) = 0
  r1 = r10
  r1 += -16
  r2 = 0
  call bpf_ringbuf_discard_dynptr
  r0 = 0
  exit
