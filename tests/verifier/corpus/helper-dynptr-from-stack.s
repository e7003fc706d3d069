; bpf_dynptr_from_mem takes map values only: stack memory is refused after the arguments were
; checked (and the dynptr slots marked).
; expect: reject Unsupported reg type fp for bpf_dynptr_from_mem data
.prog kprobe
  *(u64 *)(r10 - 8) = 1
  r1 = r10
  r1 += -8
  r2 = 8
  r3 = 0
  r4 = r10
  r4 += -32
  call bpf_dynptr_from_mem
  r0 = 0
  exit
