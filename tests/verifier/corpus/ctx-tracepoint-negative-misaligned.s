; A negative tracepoint context offset passes only when it is a multiple of the size (off % size
; in C keeps the sign): -508 with 8 bytes is refused.
; expect: reject invalid bpf_context access off=-508 size=8
.prog tracepoint
  r4 = *(u64 *)(r1 - 508)
  r0 = 0
  exit
