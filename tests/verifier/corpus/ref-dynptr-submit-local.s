; bpf_ringbuf_submit_dynptr releases a reference: a local dynptr has none.
; expect: reject arg 1 is an unacquired reference
.prog kprobe
.map a array key=4 value=16 max_entries=1
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = a ll
  call bpf_map_lookup_elem
  r1 = r0
  r2 = 16
  r3 = 0
  r4 = r10
  r4 += -32
  call bpf_dynptr_from_mem
  r1 = r10
  r1 += -32
  r2 = 0
  call bpf_ringbuf_submit_dynptr
  r0 = 0
  exit
