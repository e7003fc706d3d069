; A 32-bit unknown index (0..4G, zero-extended by w0 = w0) added to a map value pointer, with no
; bounds check: the math is allowed but the access is not.
; expect: reject R6 unbounded memory access, make sure to bounds check any such access
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
  w0 = w0
  r6 += r0
  r0 = *(u8 *)(r6 + 0)
out:
  r0 = 2
  exit
