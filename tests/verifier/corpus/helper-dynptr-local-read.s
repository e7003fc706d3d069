; A local dynptr over a 16-byte map value (bpf_dynptr_from_mem takes map values only), then
; bpf_dynptr_read from it: the
; dynptr occupies fp-32..fp-17 as two STACK_DYNPTR slots.
; expect: accept
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
