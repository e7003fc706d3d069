; Shifting by a register larger than the width is allowed (the verifier makes the result unknown).
; expect: accept
.prog socket_filter
  r0 = 1
  r1 = 70
  r0 <<= r1
  exit
