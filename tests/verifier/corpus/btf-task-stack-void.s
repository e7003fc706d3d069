; task_struct.stack is a void pointer: it loads as read-only untrusted memory, read with probe loads
; at any offset.
; expect: accept
.prog kprobe
  call bpf_get_current_task_btf
  r1 = *(u64 *)(r0 + 32)
  r2 = *(u64 *)(r1 + 64)
  r0 = 0
  exit
