; A conditional jump compares an uninitialised register.
; expect: reject R3 !read_ok
.prog sched_cls
  r0 = 0
  if r3 > 10 goto out
  r0 = 1
out:
  exit
