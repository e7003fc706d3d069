; A direct pointer into an array map's value (BPF_PSEUDO_MAP_VALUE) needs no lookup.
; expect: accept
.prog xdp
.map cfg array key=4 value=16 max_entries=1
  r1 = map[idx:0]+8
  r0 = *(u64 *)(r1 + 0)
  r0 = 2
  exit
