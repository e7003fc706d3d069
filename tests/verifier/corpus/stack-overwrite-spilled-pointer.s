; Overwriting half of a spilled pointer turns the slot into plain data for root; a full fill
; then gives a scalar, and dereferencing it fails.
; expect: reject invalid mem access 'scalar'
.prog xdp
  *(u64 *)(r10 - 8) = r1
  *(u32 *)(r10 - 8) = 0
  r6 = *(u64 *)(r10 - 8)
  r0 = *(u32 *)(r6 + 0)
  exit
