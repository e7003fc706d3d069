; Adding a fully unknown scalar to a packet pointer.
; expect: reject math between pkt pointer and register with unbounded min value is not allowed
.prog xdp
  r6 = r1
  call bpf_get_prandom_u32
  r2 = *(u32 *)(r6 + 0)
  r2 += r0
  r0 = 2
  exit
