; Arithmetic on a map pointer (the result of `r1 = m ll`) is prohibited.
; expect: reject R1 pointer arithmetic on map_ptr prohibited
.prog xdp
.map h hash key=4 value=8 max_entries=4
  r1 = h ll
  r1 += 8
  r0 = 2
  exit
