; __sk_buff.sk (offset 168) reads as a socket pointer that may be NULL: dereferencing it needs a
; check.
; expect: reject
.prog sched_cls
  r2 = *(u64 *)(r1 + 168)
  r0 = *(u32 *)(r2 + 0)
  r0 = 0
  exit
