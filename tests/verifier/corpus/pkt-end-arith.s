; Arithmetic on the data_end pointer is prohibited.
; expect: reject R3 pointer arithmetic on pkt_end prohibited
.prog xdp
  r3 = *(u32 *)(r1 + 4)
  r3 += -1
  r0 = 2
  exit
