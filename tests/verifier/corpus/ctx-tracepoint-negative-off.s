; A tracepoint context read at a negative offset is accepted by 6.18: tp_prog_is_valid_access
; compares `off < sizeof(void *)` unsigned (so -512 is not below 8) and `off >= 8192` signed (so it
; is not above either). Found by the soup fuzzer (soup-2026-3959).
; expect: accept
.prog tracepoint
  r4 = *(u64 *)(r1 - 512)
  r0 = 0
  exit
