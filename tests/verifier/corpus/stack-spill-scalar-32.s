; A 32-bit spill of a known scalar at an 8-aligned slot and its fill keep the constant, so the
; branch is decided and the null dereference is dead code.
; expect: accept
.prog xdp
  r1 = 5
  *(u32 *)(r10 - 8) = r1
  r2 = *(u32 *)(r10 - 8)
  r0 = 0
  if r2 == 5 goto out
  r0 = *(u64 *)(r0 + 0)
out:
  exit
