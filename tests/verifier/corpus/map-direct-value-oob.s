; A direct value pointer at offset 8 of a 16-byte value; a u64 read at +8 from there runs past it.
; expect: reject invalid access to map value, value_size=16 off=16 size=8
.prog xdp
.map cfg array key=4 value=16 max_entries=1
  r1 = map[idx:0]+8
  r0 = *(u64 *)(r1 + 8)
  r0 = 2
  exit
