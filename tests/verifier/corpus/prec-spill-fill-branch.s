; A value spilled to the stack and filled back decides a branch: backtracking follows it through
; the stack slot (the fill's and the spill's jump-history flags) into the checkpoint before the
; spill, so the two paths that spill different constants are both walked.
; expect: accept
.prog xdp
  call bpf_get_prandom_u32
  r6 = 3
  if r0 > 10 goto a
  r6 = 5
a:
  *(u64 *)(r10 - 8) = r6
  r0 = 0
  r2 = *(u64 *)(r10 - 8)
  if r2 == 5 goto b
  r0 = 1
b:
  exit
