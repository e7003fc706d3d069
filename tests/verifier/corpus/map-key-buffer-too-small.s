; An 8-byte key read from a buffer starting at fp-4: the key runs past the top of the stack.
; expect: reject invalid read from stack R2 off=-4 size=8
.prog xdp
.map h hash key=8 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  r0 = 2
  exit
