; tc programs' return values are not range-checked.
; expect: accept
.prog sched_cls
  r0 = 42
  exit
