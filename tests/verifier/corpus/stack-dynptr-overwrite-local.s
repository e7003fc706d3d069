; Overwriting a local (unreferenced) dynptr's slot destroys the dynptr: the stack is plain data again
; and bpf_dynptr_read then refuses it.
; expect: reject Expected an initialized dynptr as arg #2
.prog kprobe
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
  *(u64 *)(r10 - 24) = 0
  r1 = r10
  r1 += -48
  r2 = 8
  r3 = r10
  r3 += -32
  r4 = 0
  r5 = 0
  call bpf_dynptr_read
  r0 = 0
  exit
