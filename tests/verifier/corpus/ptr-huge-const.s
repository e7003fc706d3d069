; Adding a constant of 1 << 29 (BPF_MAX_VAR_OFF) to a pointer is refused outright.
; expect: reject math between fp pointer and 536870912 is not allowed
.prog xdp
  r1 = r10
  r1 += 0x20000000
  r0 = 2
  exit
