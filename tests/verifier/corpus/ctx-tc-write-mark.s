; tc programs may write mark, priority, tc_index and cb[].
; expect: accept
.prog sched_cls
  r2 = 7
  *(u32 *)(r1 + 8) = r2
  *(u32 *)(r1 + 32) = r2
  *(u32 *)(r1 + 44) = r2
  *(u32 *)(r1 + 48) = r2
  r0 = 0
  exit
