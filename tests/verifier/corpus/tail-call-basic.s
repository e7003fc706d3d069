; bpf_tail_call(ctx, prog_array, index); execution continues after it when the slot is empty.
; expect: accept
.prog xdp
.map progs prog_array key=4 value=4 max_entries=4
  r2 = progs ll
  r3 = 1
  call bpf_tail_call
  r0 = 2
  exit
