; BTF pointers take no variable offset.
; expect: reject invalid variable offset
.prog kprobe
  call bpf_get_current_task_btf
  r6 = r0
  call bpf_get_prandom_u32
  r0 &= 8
  r6 += r0
  r1 = *(u64 *)(r6 + 0)
  r0 = 0
  exit
