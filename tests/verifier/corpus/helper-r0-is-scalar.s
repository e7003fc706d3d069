; A helper's integer result cannot be dereferenced.
; expect: reject R0 invalid mem access 'scalar'
.prog xdp
  call bpf_ktime_get_ns
  r0 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
