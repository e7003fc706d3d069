; XDP route-based filter: longest-prefix match of the IPv4 destination in an LPM trie of
; {prefixlen, address} keys; the matching entry's u32 action is returned (1 drop, 2 pass, 3 tx).
; Addresses without a route pass.
; Inputs (routes 10.0.0.0/8 pass, 10.1.0.0/16 drop, 10.1.2.0/24 tx): one destination per route, and
; 192.168.0.1 (no route).
.prog xdp
.map routes lpm_trie key=8 value=4 max_entries=16 flags=1
; run: --packet eth/ipv4(dst=10.9.9.9)/udp --map routes=8:u32+10.0.0.0=2:u32 --map routes=16:u32+10.1.0.0=1:u32 --map routes=24:u32+10.1.2.0=3:u32
; run: --packet eth/ipv4(dst=10.1.7.1)/udp --map routes=8:u32+10.0.0.0=2:u32 --map routes=16:u32+10.1.0.0=1:u32 --map routes=24:u32+10.1.2.0=3:u32
; run: --packet eth/ipv4(dst=10.1.2.200)/tcp --map routes=8:u32+10.0.0.0=2:u32 --map routes=16:u32+10.1.0.0=1:u32 --map routes=24:u32+10.1.2.0=3:u32
; run: --packet eth/ipv4(dst=192.168.0.1)/tcp --map routes=8:u32+10.0.0.0=2:u32 --map routes=16:u32+10.1.0.0=1:u32 --map routes=24:u32+10.1.2.0=3:u32
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto pass
  r5 = *(u32 *)(r2 + 30)
  *(u32 *)(r10 - 4) = r5
  r5 = 32
  *(u32 *)(r10 - 8) = r5
  r1 = routes ll
  r2 = r10
  r2 += -8
  call bpf_map_lookup_elem
  if r0 == 0 goto pass
  r0 = *(u32 *)(r0 + 0)
  exit
pass:
  r0 = 2
  exit
