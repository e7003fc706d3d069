; Realistic XDP: strip a 4-byte header with bpf_xdp_adjust_head, re-reading the packet pointers.
; expect: accept
.prog xdp
  r6 = r1
  r2 = 4
  call bpf_xdp_adjust_head
  if r0 != 0 goto drop
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto drop
  r0 = *(u16 *)(r2 + 12)
  r0 = 2
  exit
drop:
  r0 = 1
  exit
