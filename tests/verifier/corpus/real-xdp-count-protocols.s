; Realistic XDP: count packets per IP protocol in a per-CPU array indexed by the protocol byte.
; expect: accept
.prog xdp
.map counts percpu_array key=4 value=8 max_entries=256
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto out
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto out
  r5 = *(u8 *)(r2 + 23)
  *(u32 *)(r10 - 4) = r5
  r2 = r10
  r2 += -4
  r1 = counts ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = 2
  exit
