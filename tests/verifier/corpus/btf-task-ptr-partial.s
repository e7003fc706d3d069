; Half of a pointer member (task_struct.real_parent) is refused.
; expect: reject cannot access ptr member real_parent with moff 1280 in struct task_struct with off 1284 size 4
.prog kprobe
  call bpf_get_current_task_btf
  r1 = *(u32 *)(r0 + 1284)
  r0 = 0
  exit
