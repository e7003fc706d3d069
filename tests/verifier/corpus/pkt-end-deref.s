; data_end cannot be dereferenced.
; expect: reject R3 invalid mem access 'pkt_end'
.prog xdp
  r3 = *(u32 *)(r1 + 4)
  r0 = *(u8 *)(r3 + 0)
  r0 = 2
  exit
