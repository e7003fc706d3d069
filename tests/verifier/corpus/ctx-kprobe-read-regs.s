; kprobe programs read struct pt_regs (offset 112 is di, the first argument on x86-64).
; expect: accept
.prog kprobe
  r2 = *(u64 *)(r1 + 112)
  r3 = *(u64 *)(r1 + 104)
  r0 = 0
  exit
