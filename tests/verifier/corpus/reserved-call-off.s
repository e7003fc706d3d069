; A helper call with a non-zero offset field.
; expect: reject BPF_CALL uses reserved fields
; patch: 0 off=1
.prog socket_filter
  call bpf_ktime_get_ns
  r0 = 0
  exit
