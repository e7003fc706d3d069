; kprobe return values are not range-checked.
; expect: accept
.prog kprobe
  call bpf_get_prandom_u32
  exit
