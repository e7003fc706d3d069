; A lookup whose key bytes were never written: privileged programs may pass uninitialised stack.
; expect: accept
.prog xdp
.map h hash key=4 value=8 max_entries=4
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  r0 = 2
  exit
