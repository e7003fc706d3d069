; A backward jump over an exit: both paths reach exit.
; expect: accept
.prog socket_filter
  r0 = 0
  goto second
first:
  exit
second:
  r0 = 1
  goto first
