; pt_regs is read-only for kprobe programs.
; expect: reject invalid bpf_context access off=112 size=8
.prog kprobe
  r2 = 0
  *(u64 *)(r1 + 112) = r2
  r0 = 0
  exit
