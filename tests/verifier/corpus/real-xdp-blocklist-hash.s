; Realistic XDP: drop packets whose IPv4 source address is in a hash map blocklist.
; expect: accept
.prog xdp
.map blocked hash key=4 value=8 max_entries=1024
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u32 *)(r2 + 26)
  *(u32 *)(r10 - 4) = r5
  r2 = r10
  r2 += -4
  r1 = blocked ll
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  r0 = 1
  exit
pass:
  r0 = 2
  exit
