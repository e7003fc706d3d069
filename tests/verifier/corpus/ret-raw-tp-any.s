; raw_tracepoint return values (without BTF attach) are not range-checked.
; expect: accept
.prog raw_tracepoint
  r0 = 3
  exit
