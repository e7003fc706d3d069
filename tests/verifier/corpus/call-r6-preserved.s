; r6-r9 survive a bpf-to-bpf call, even when the callee uses its own r6.
; expect: accept
.prog xdp
  r6 = r1
  call f
  r0 = *(u32 *)(r6 + 0)
  r0 = 2
  exit
f:
  r6 = 5
  r0 = r6
  exit
