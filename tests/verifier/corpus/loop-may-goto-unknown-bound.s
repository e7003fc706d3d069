; may_goto also rescues a countdown from an unknown start.
; expect: accept
.prog xdp
  call bpf_get_prandom_u32
  r1 = r0
l:
  may_goto out
  r1 += -1
  if r1 != 0 goto l
out:
  r0 = 2
  exit
