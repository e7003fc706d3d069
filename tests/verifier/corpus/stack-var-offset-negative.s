; A variable stack offset that can reach below the 512-byte stack.
; expect: reject
.prog xdp
  call bpf_get_prandom_u32
  r0 &= 1023
  r1 = r10
  r1 -= r0
  *(u8 *)(r1 - 1) = 0
  r0 = 0
  exit
