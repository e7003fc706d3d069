; Realistic kprobe: copy a kernel string argument to the stack with bpf_probe_read_kernel_str
; and print it.
; expect: accept
.prog kprobe
  r3 = *(u64 *)(r1 + 112)
  r1 = r10
  r1 += -32
  r2 = 32
  call bpf_probe_read_kernel_str
  r1 = 0x0a7325 ll
  *(u64 *)(r10 - 40) = r1
  r1 = r10
  r1 += -40
  r2 = 4
  r3 = r10
  r3 += -32
  call bpf_trace_printk
  r0 = 0
  exit
