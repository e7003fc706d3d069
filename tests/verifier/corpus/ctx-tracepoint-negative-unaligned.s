; The same negative-offset tracepoint read is still checked for alignment (off % size).
; expect: reject invalid bpf_context access off=-508 size=8
.prog tracepoint
  r4 = *(u64 *)(r1 - 508)
  r0 = 0
  exit
