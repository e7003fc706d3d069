; Reading metadata without the check against data.
; expect: reject invalid access to packet
.prog xdp
  r2 = *(u32 *)(r1 + 8)
  r0 = *(u32 *)(r2 + 0)
  r0 = 2
  exit
