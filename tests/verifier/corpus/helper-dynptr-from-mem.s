; bpf_dynptr_from_mem over a map value, then bpf_dynptr_read from it into the stack.
; expect: accept
.prog xdp
.map a array key=4 value=16 max_entries=1
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = a ll
  call bpf_map_lookup_elem
  r1 = r0
  r2 = 16
  r3 = 0
  r4 = r10
  r4 += -32
  call bpf_dynptr_from_mem
  r1 = r10
  r1 += -48
  r2 = 8
  r3 = r10
  r3 += -32
  r4 = 0
  r5 = 0
  call bpf_dynptr_read
  r0 = 2
  exit
