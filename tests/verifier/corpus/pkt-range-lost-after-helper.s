; bpf_xdp_adjust_head changes the packet: ranges proven before the call are forgotten.
; expect: reject
.prog xdp
  r6 = r1
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r7 = r2
  r4 = r2
  r4 += 8
  if r4 > r3 goto bad
  r1 = r6
  r2 = 0
  call bpf_xdp_adjust_head
  r0 = *(u8 *)(r7 + 0)
bad:
  r0 = 2
  exit
