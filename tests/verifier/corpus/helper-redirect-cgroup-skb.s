; cgroup_skb programs cannot redirect.
; expect: reject program of this type cannot use helper bpf_redirect#23
.prog cgroup_skb
  r1 = 1
  r2 = 0
  call bpf_redirect
  r0 = 1
  exit
