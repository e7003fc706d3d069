; Callee-saved registers survive a helper call: r6 set before the call is still readable.
; expect: accept
.prog xdp
  r6 = 2
  call bpf_ktime_get_ns
  r0 = r6
  exit
