; Found by the fuzzer (fuzz-101-3446, minimized); the processed count differed: two branches
; whose both sides are the same instruction, with a spilled and filled context pointer between
; them. Whether the second path is pruned at the join depends on how the spilled pointer and the
; branch-refined scalar compare with the saved state.
; expect: accept
.prog xdp
  r6 = r1
  call bpf_get_prandom_u32
  r9 = r0
  if w9 s> 1 goto l0
l0:
  *(u64 *)(r10 - 96) = r6
  r7 = *(u64 *)(r10 - 96)
  r8 = *(u32 *)(r7 + 16)
  if r9 s> 8 goto l1
l1:
  r0 = 2
  exit
