; A dynptr argument must sit at an 8-aligned stack slot boundary: r10 itself is offset 0 from the
; frame's top, which is past the stack (found by the helper-call fuzzer, calls-31-2732).
; expect: reject cannot pass in dynptr at an offset=
.prog sched_cls
  r1 = r10
  r2 = 0
  r3 = 16
  call bpf_dynptr_data
  r0 = 0
  exit
