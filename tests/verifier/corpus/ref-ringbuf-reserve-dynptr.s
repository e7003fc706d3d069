; bpf_ringbuf_reserve_dynptr then bpf_ringbuf_submit_dynptr: the dynptr on the stack is the
; reference, released by the submit.
; expect: accept
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  r4 = r10
  r4 += -16
  call bpf_ringbuf_reserve_dynptr
  r1 = r10
  r1 += -16
  r2 = 0
  call bpf_ringbuf_submit_dynptr
  r0 = 0
  exit
