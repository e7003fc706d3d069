; Counting down an unknown number: the loop state never converges on a known exit.
; expect: reject
.prog xdp
  call bpf_get_prandom_u32
  r1 = r0
l:
  r1 += -1
  if r1 != 0 goto l
  r0 = 2
  exit
