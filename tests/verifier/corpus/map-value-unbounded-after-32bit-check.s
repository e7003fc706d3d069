; A 32-bit bounds check (if w0 > 56) bounds the low half only; the 64-bit index stays unbounded.
; expect: reject
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
  if w0 > 56 goto out
  r6 += r0
  r0 = *(u64 *)(r6 + 0)
out:
  r0 = 2
  exit
