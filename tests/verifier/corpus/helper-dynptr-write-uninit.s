; bpf_dynptr_write needs an initialised dynptr as its first argument; zeroed stack is not one
; (found by the helper-call fuzzer, calls-31-917, minimized).
; expect: reject Expected an initialized dynptr as arg #0
.prog sched_act
  *(u64 *)(r10 - 64) = 0
  *(u64 *)(r10 - 56) = 0
  r1 = r10
  r1 += -64
  r2 = 4
  r3 = r10
  r3 += -8
  r4 = 8
  r5 = 0
  call bpf_dynptr_write
  r0 = 0
  exit
