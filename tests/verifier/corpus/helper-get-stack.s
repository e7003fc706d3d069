; bpf_get_stack into a 64-byte stack buffer.
; expect: accept
.prog kprobe
  r2 = r10
  r2 += -64
  r3 = 64
  r4 = 0
  call bpf_get_stack
  r0 = 0
  exit
