; An atomic operation code that does not exist (imm 0x10 = BPF_SUB).
; expect: reject BPF_ATOMIC uses invalid atomic opcode 10
; patch: 2 imm=0x10
.prog xdp
  r1 = 1
  *(u64 *)(r10 - 8) = 0
  lock *(u64 *)(r10 - 8) += r1
  r0 = 2
  exit
