; cgroup_skb reads len, protocol and the socket cookie-free fields.
; expect: accept
.prog cgroup_skb
  r2 = *(u32 *)(r1 + 0)
  r2 = *(u32 *)(r1 + 16)
  r2 = *(u32 *)(r1 + 4)
  r0 = 1
  exit
