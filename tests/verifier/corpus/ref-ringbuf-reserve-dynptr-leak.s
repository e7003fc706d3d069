; A ring buffer dynptr reserved and never submitted or discarded leaks.
; expect: reject Unreleased reference
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  r4 = r10
  r4 += -16
  call bpf_ringbuf_reserve_dynptr
  r0 = 0
  exit
