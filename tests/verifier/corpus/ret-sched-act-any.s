; sched_act (tc actions) return values are not range-checked either.
; expect: accept
.prog sched_act
  r0 = 99
  exit
