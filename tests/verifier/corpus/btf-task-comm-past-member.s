; task_struct.comm is char[16] at 1752: an 8-byte read at 1764 runs past its end.
; expect: reject access beyond the end of member comm (mend:1768) in struct task_struct with off 1764 size 8
.prog kprobe
  call bpf_get_current_task_btf
  r1 = *(u64 *)(r0 + 1764)
  r0 = 0
  exit
