; tc_classid (offset 72) belongs to tc; cgroup_skb cannot read it (tc_index it can).
; expect: reject invalid bpf_context access off=72 size=4
.prog cgroup_skb
  r0 = *(u32 *)(r1 + 44)
  r0 = *(u32 *)(r1 + 72)
  r0 = 1
  exit
