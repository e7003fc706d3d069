; Kernel structs behind BTF pointers are read-only for a kprobe.
; expect: reject only read is supported
.prog kprobe
  call bpf_get_current_task_btf
  *(u32 *)(r0 + 1264) = 1
  r0 = 0
  exit
