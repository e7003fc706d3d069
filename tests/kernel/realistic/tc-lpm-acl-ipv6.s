; tc IPv6 ACL: longest-prefix match of the IPv6 source address in an LPM trie of
; {prefixlen, 16-byte address} keys; a match's u32 value is the verdict (2 = TC_ACT_SHOT),
; no match means TC_ACT_OK.
; Inputs (2001:db8::/32 allowed, 2001:db8:bad::/48 dropped): a source in each, one outside both, IPv4.
.prog sched_cls
.map acl lpm_trie key=20 value=4 max_entries=32 flags=1
; run: --packet eth/ipv6(src=2001:db8:1::5)/tcp --map acl=32:u32+ip6:2001:db8::=0:u32 --map acl=48:u32+ip6:2001:db8:bad::=2:u32
; run: --packet eth/ipv6(src=2001:db8:bad::1)/udp --map acl=32:u32+ip6:2001:db8::=0:u32 --map acl=48:u32+ip6:2001:db8:bad::=2:u32
; run: --packet eth/ipv6(src=fe80::1)/udp --map acl=32:u32+ip6:2001:db8::=0:u32 --map acl=48:u32+ip6:2001:db8:bad::=2:u32
; run: --packet eth/ipv4/udp --map acl=32:u32+ip6:2001:db8::=0:u32
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 54
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0xdd86 goto ok
  r5 = 128
  *(u32 *)(r10 - 20) = r5
  r5 = *(u64 *)(r2 + 22)
  *(u64 *)(r10 - 16) = r5
  r5 = *(u64 *)(r2 + 30)
  *(u64 *)(r10 - 8) = r5
  r1 = acl ll
  r2 = r10
  r2 += -20
  call bpf_map_lookup_elem
  if r0 == 0 goto ok
  r0 = *(u32 *)(r0 + 0)
  exit
ok:
  r0 = 0
  exit
