; cgroup_skb cannot write len.
; expect: reject invalid bpf_context access off=0 size=4
.prog cgroup_skb
  r2 = 0
  *(u32 *)(r1 + 0) = r2
  r0 = 1
  exit
