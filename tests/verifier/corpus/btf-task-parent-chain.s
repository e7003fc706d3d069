; real_parent is on the kernel's RCU-safe list for task_struct: loaded from a trusted task it is an
; RCU pointer (rcu_ptr_task_struct) that may be walked again; mm is not listed and loads as a plain
; ptr_mm_struct.
; expect: accept
.prog kprobe
  call bpf_get_current_task_btf
  r6 = *(u64 *)(r0 + 1280)
  r7 = *(u32 *)(r6 + 1268)
  r8 = *(u64 *)(r0 + 1136)
  r0 = r7
  exit
