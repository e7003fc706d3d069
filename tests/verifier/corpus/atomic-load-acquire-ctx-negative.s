; load_acquire from the context at a negative offset: the atomic-on-context check comes before the
; offset check (found by the soup fuzzer, soup-2026-2584).
; expect: reject BPF_ATOMIC loads from R1 ctx is not allowed
.prog tracepoint
  w4 = load_acquire((u16 *)(r1 - 512))
  r0 = 0
  exit
