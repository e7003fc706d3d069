; A bpf_loop callback returns a value computed from its index: the callback's return range check
; marks r0 precise, and backtracking stays inside the callback frame (r1-r5 are not followed into
; the helper call that invoked it).
; expect: accept
.prog xdp
  r1 = 3
  r2 = cb ll
  r3 = 0
  r4 = 0
  call bpf_loop
  r0 = 2
  exit
cb:
  r0 = r1
  r0 &= 1
  exit
