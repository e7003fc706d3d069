; perf_event return values are not range-checked.
; expect: accept
.prog perf_event
  r0 = 7
  exit
