; A kfunc call (src = BPF_PSEUDO_KFUNC_CALL) with a BTF id that names no kernel function.
; expect: reject
; patch: 0 src=2 imm=1
.prog socket_filter
  call bpf_ktime_get_ns
  r0 = 0
  exit
