; bpf_tail_call's first argument must be the context.
; expect: reject R1 type=fp expected=ctx
.prog xdp
.map progs prog_array key=4 value=4 max_entries=4
  r1 = r10
  r2 = progs ll
  r3 = 1
  call bpf_tail_call
  r0 = 2
  exit
