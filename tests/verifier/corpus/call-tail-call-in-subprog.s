; A tail call from a subprogram: allowed only when the subprograms are described by BTF, which
; a hand-written program has not.
; expect: reject tail_call is not allowed in subprogs without BTF
.prog xdp
.map progs prog_array key=4 value=4 max_entries=4
  call f
  r0 = 2
  exit
f:
  r2 = progs ll
  r3 = 0
  call bpf_tail_call
  r0 = 0
  exit
