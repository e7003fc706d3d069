; Signed division and modulo by -1 (INT_MIN s/ -1 is defined for BPF).
; expect: accept
.prog socket_filter
  r0 = 0x8000000000000000 ll
  r0 s/= -1
  r0 s%= -1
  w0 s/= -1
  exit
