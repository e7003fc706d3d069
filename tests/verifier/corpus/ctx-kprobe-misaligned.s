; A u64 read at offset 4 of pt_regs is not aligned to its size.
; expect: reject invalid bpf_context access off=4 size=8
.prog kprobe
  r0 = *(u64 *)(r1 + 4)
  r0 = 0
  exit
