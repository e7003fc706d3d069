; Realistic XDP: longest-prefix match of the IPv4 destination in an LPM trie.
; expect: accept
.prog xdp
.map routes lpm_trie key=8 value=4 max_entries=64 flags=1
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u32 *)(r2 + 30)
  *(u32 *)(r10 - 8) = 32
  *(u32 *)(r10 - 4) = r5
  r2 = r10
  r2 += -8
  r1 = routes ll
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r0 = *(u32 *)(r0 + 0)
  r0 &= 3
  exit
pass:
  r0 = 2
  exit
