; bpf_probe_read_kernel from a kprobe: destination on the stack, source any scalar.
; expect: accept
.prog kprobe
  r3 = *(u64 *)(r1 + 112)
  r1 = r10
  r1 += -16
  r2 = 16
  call bpf_probe_read_kernel
  r0 = *(u64 *)(r10 - 16)
  r0 = 0
  exit
