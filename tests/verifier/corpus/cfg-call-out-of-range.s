; A bpf-to-bpf call to an instruction past the end (call offset patched to +50).
; expect: reject
; patch: 0 imm=50
.prog xdp
  call f
  r0 = 2
  exit
f:
  r0 = 0
  exit
