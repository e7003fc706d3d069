; kprobe programs may read pt_regs fields narrower than 8 bytes, aligned to their size.
; expect: accept
.prog kprobe
  r2 = *(u32 *)(r1 + 112)
  r3 = *(u8 *)(r1 + 113)
  r0 = 0
  exit
