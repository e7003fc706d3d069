; OR on a context pointer.
; expect: reject bitwise operator |= on pointer prohibited
.prog socket_filter
  r1 |= 1
  r0 = 0
  exit
