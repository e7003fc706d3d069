; An unknown value masked to 0..1 satisfies cgroup_skb's return range.
; expect: accept
.prog cgroup_skb
  call bpf_get_prandom_u32
  r0 &= 1
  exit
