; Reading the packet without comparing against data_end first.
; expect: reject invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)
.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r0 = *(u8 *)(r2 + 0)
  r0 = 2
  exit
