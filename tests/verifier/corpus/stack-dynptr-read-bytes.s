; The bytes of a dynptr are not plain stack data: a load from them is refused.
; expect: reject invalid read from stack off -32+0 size 8
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
  r0 = *(u64 *)(r10 - 32)
  exit
