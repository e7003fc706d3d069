; Stack pointer plus an unknown 64-bit scalar: the pointer math itself is refused.
; expect: reject
.prog xdp
  call bpf_get_prandom_u32
  r0 <<= 32
  r1 = r10
  r1 += r0
  *(u8 *)(r1 - 8) = 0
  r0 = 0
  exit
