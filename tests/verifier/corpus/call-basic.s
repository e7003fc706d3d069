; A bpf-to-bpf call: arguments in r1-r2, result in r0.
; expect: accept
.prog xdp
  r1 = 1
  r2 = 2
  call add
  r0 = 2
  exit
add:
  r0 = r1
  r0 += r2
  exit
