; gotol (a jump with a 32-bit offset) behaves like goto, forwards and backwards.
; expect: accept
.prog socket_filter
  r0 = 0
  gotol out
back:
  exit
out:
  r0 = 1
  gotol back
