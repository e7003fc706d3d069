; bpf_map.name is a char[16] at 136: any read inside the array is a scalar, even one that spans
; several elements, as long as it stays inside the member.
; expect: accept
.prog kprobe
.map r ringbuf key=0 value=0 max_entries=4096
  r1 = r ll
  r0 = *(u64 *)(r1 + 138)
  r0 = 0
  exit
