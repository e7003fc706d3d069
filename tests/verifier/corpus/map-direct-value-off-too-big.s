; A direct value offset beyond the array's value size is refused when the program is loaded.
; expect: reject
.prog xdp
.map cfg array key=4 value=16 max_entries=1
  r1 = map[idx:0]+16
  r0 = 2
  exit
