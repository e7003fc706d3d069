; A bpf_loop callback must return 0 or 1.
; expect: reject At callback return the register R0 has smin=5 smax=5 should have been in [0, 1]
.prog xdp
  r1 = 10
  r2 = subprog[+6]
  r3 = 0
  r4 = 0
  call bpf_loop
  r0 = 2
  exit
cb:
  r0 = 5
  exit
