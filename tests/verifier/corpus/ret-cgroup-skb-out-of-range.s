; cgroup_skb programs must return 0 or 1 (ingress attach type).
; expect: reject At program exit the register R0 has
.prog cgroup_skb
  r0 = 2
  exit
