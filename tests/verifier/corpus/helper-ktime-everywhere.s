; bpf_ktime_get_ns and bpf_get_prandom_u32 are available to every program type.
; expect: accept
.prog cgroup_skb
  call bpf_ktime_get_ns
  call bpf_get_prandom_u32
  call bpf_get_smp_processor_id
  r0 = 1
  exit
