; bpf_get_current_task_btf gives a trusted task_struct pointer: its integer fields (pid at 1264,
; tgid at 1268 on 6.18 x86_64) read as scalars, narrower reads inside a field too.
; expect: accept
.prog kprobe
  call bpf_get_current_task_btf
  r1 = *(u32 *)(r0 + 1264)
  r2 = *(u16 *)(r0 + 1270)
  r0 = r1
  r0 += r2
  exit
