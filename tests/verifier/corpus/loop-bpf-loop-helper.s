; bpf_loop with a callback subprogram referenced by ld_imm64 (BPF_PSEUDO_FUNC); the loader
; describes the subprograms with synthesized BTF func_info, as callbacks require.
; expect: accept
.prog xdp
  r1 = 10
  r2 = subprog[+6]
  r3 = 0
  r4 = 0
  call bpf_loop
  r0 = 2
  exit
cb:
  r0 = 0
  exit
