; bpf_tail_call needs a prog_array (the kernel prints this message without a newline, so the
; summary line follows it on the same line).
; expect: reject expected prog array map for tail call
.prog xdp
.map arr array key=4 value=4 max_entries=4
  r2 = arr ll
  r3 = 1
  call bpf_tail_call
  r0 = 2
  exit
