; bpf_ringbuf_submit_dynptr on stack that holds no dynptr: the release argument was never
; acquired (found by the helper-call fuzzer, calls-31-2370, minimized).
; expect: reject arg 1 is an unacquired reference
.prog xdp
  r1 = r10
  r1 += -64
  call bpf_ringbuf_submit_dynptr
  r0 = 2
  exit
