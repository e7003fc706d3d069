; cgroup_skb may write mark and priority.
; expect: accept
.prog cgroup_skb
  r2 = 3
  *(u32 *)(r1 + 8) = r2
  *(u32 *)(r1 + 32) = r2
  r0 = 1
  exit
