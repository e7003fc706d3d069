; A context pointer plus a variable offset.
; expect: reject variable ctx access var_off=
.prog sched_cls
  r6 = r1
  call bpf_get_prandom_u32
  r0 &= 4
  r6 += r0
  r0 = *(u32 *)(r6 + 0)
  r0 = 0
  exit
