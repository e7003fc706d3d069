; The value buffer (8 bytes at fp-8) is smaller than the map's 16-byte value.
; expect: reject invalid read from stack R3 off=-8 size=16
.prog xdp
.map h hash key=4 value=16 max_entries=4
  *(u32 *)(r10 - 12) = 7
  *(u64 *)(r10 - 8) = 1
  r1 = h ll
  r2 = r10
  r2 += -12
  r3 = r10
  r3 += -8
  r4 = 0
  call bpf_map_update_elem
  r0 = 2
  exit
