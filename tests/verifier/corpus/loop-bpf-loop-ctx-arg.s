; The callback's second argument is the context pointer passed to bpf_loop (here a stack pointer
; to an initialised slot), which the callback may use.
; expect: accept
.prog xdp
  *(u64 *)(r10 - 8) = 0
  r1 = 4
  r2 = subprog[+7]
  r3 = r10
  r3 += -8
  r4 = 0
  call bpf_loop
  r0 = 2
  exit
cb:
  r0 = *(u64 *)(r2 + 0)
  r0 = 0
  exit
