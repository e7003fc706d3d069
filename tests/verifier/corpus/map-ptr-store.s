; Writing through a map pointer.
; expect: reject
.prog tracepoint
.map m hash key=4 value=8 max_entries=4
  r1 = m ll
  r2 = 0
  *(u64 *)(r1 + 0) = r2
  r0 = 0
  exit
