; struct pt_regs is 168 bytes on x86-64: offset 168 is past its end.
; expect: reject invalid bpf_context access off=168 size=8
.prog kprobe
  r0 = *(u64 *)(r1 + 168)
  r0 = 0
  exit
