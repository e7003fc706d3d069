; bpf_get_stackid with a stack trace map, from a kprobe.
; expect: accept
.prog kprobe
.map stacks stack_trace key=4 value=1016 max_entries=64
  r2 = stacks ll
  r3 = 0
  call bpf_get_stackid
  r0 = 0
  exit
