; A read through a map pointer far past the end of struct bpf_map.
; expect: reject
.prog tracepoint
.map m hash key=4 value=8 max_entries=4
  r1 = m ll
  r6 = *(u64 *)(r1 + 4096)
  r0 = 0
  exit
