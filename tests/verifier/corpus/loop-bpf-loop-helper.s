; bpf_loop with a callback subprogram referenced by ld_imm64 (BPF_PSEUDO_FUNC): callbacks need
; BTF function info, which a hand-written program does not carry.
; expect: reject missing btf func_info
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
