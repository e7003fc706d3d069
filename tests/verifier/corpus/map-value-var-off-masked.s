; A variable index masked to 0..63 plus a byte read stays inside a 64-byte value.
; expect: accept
.prog xdp
.map m hash key=4 value=64 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r6 = r0
  call bpf_get_prandom_u32
  r0 &= 63
  r6 += r0
  r0 = *(u8 *)(r6 + 0)
out:
  r0 = 2
  exit
