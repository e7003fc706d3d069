; An atomic with a negative operation code (imm = -8): the kernel prints the imm with %02x, so
; a negative one shows all 32 bits (found by the fuzzer, fuzz-101-3301).
; expect: reject BPF_ATOMIC uses invalid atomic opcode fffffff8
; patch: 2 imm=-8
.prog xdp
  r1 = 1
  *(u64 *)(r10 - 8) = 0
  lock *(u64 *)(r10 - 8) += r1
  r0 = 2
  exit
