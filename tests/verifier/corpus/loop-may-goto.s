; An otherwise endless loop made finite by may_goto (the kernel bounds its iterations).
; expect: accept
.prog xdp
  r0 = 0
l:
  may_goto out
  r0 += 1
  goto l
out:
  r0 = 2
  exit
