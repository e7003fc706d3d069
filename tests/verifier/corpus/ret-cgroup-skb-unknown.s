; An unknown return value for cgroup_skb: the whole range must be inside [0, 1].
; expect: reject At program exit the register R0 has
.prog cgroup_skb
  call bpf_get_prandom_u32
  exit
