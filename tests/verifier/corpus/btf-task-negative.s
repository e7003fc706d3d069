; A negative offset through a BTF pointer.
; expect: reject R0 is ptr_task_struct invalid negative access: off=-8
.prog kprobe
  call bpf_get_current_task_btf
  r1 = *(u64 *)(r0 - 8)
  r0 = 0
  exit
