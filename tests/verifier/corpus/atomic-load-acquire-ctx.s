; load_acquire from the context is not allowed (found by the fuzzer, soup-102-6009).
; expect: reject BPF_ATOMIC loads from R1 ctx is not allowed
.prog tracepoint
  w8 = load_acquire((u16 *)(r1 + 8))
  r0 = 0
  exit
