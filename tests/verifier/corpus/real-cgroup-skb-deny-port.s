; Realistic cgroup_skb: deny IPv4 TCP packets to port 23 (direct packet reads from the IP header).
; expect: accept
.prog cgroup_skb
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 24
  if r4 > r3 goto allow
  r5 = *(u8 *)(r2 + 9)
  if r5 != 6 goto allow
  r5 = *(u16 *)(r2 + 22)
  if r5 != 0x1700 goto allow
  r0 = 0
  exit
allow:
  r0 = 1
  exit
