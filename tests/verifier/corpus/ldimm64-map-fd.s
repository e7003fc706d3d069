; A map reference (BPF_PSEUDO_MAP_FD) gives a map pointer.
; expect: accept
.prog socket_filter
.map m array key=4 value=4 max_entries=1
  r1 = m ll
  r0 = 0
  exit
