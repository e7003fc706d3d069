; A 32-bit spill at fp-4 (not 8-aligned) is not tracked as a spill: the fill is an unknown
; scalar, so the branch is not decided and the null dereference is reached.
; expect: reject R0 invalid mem access 'scalar'
.prog xdp
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = *(u32 *)(r10 - 4)
  r0 = 0
  if r2 == 5 goto out
  r0 = *(u64 *)(r0 + 0)
out:
  exit
