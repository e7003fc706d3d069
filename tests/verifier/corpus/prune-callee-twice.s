; The same static subprogram is called from two call sites with equal arguments: checkpoints
; inside the callee are per call chain, so the second call is walked again; within one call, the
; callee's two paths join and the second is pruned.
; expect: accept
.prog xdp
  call bpf_get_prandom_u32
  r6 = r0
  r1 = r6
  call f
  r1 = r6
  call f
  r0 = 2
  exit
f:
  r0 = 0
  r2 = 1
  r3 = 2
  r4 = 3
  r5 = 4
  if r1 > 7 goto g
  r0 = 1
  r2 = 5
  r3 = 6
  goto g
g:
  r0 = 0
  exit
