; A subprogram that calls itself.
; expect: reject
.prog xdp
  r1 = 3
  call f
  r0 = 2
  exit
f:
  if r1 == 0 goto done
  r1 += -1
  call f
done:
  r0 = 0
  exit
