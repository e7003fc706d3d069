; struct bpf_array ends with a union of flexible arrays (value[], ptrs[], pptrs[]): the walk does
; not extend a union, so a read right after the struct is refused.
; expect: reject access beyond struct bpf_array
.prog kprobe
.map a array key=4 value=8 max_entries=4
  r1 = a ll
  r0 = *(u64 *)(r1 + 312)
  exit
