; A call to a helper id that does not exist.
; expect: reject invalid func unknown#999
.prog xdp
  call 999
  r0 = 2
  exit
