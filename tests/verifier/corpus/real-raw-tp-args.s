; Realistic raw_tracepoint: read the first two arguments and keep the largest in an array.
; expect: accept
.prog raw_tracepoint
.map maxv array key=4 value=8 max_entries=1
  r6 = *(u64 *)(r1 + 0)
  r7 = *(u64 *)(r1 + 8)
  if r6 >= r7 goto have
  r6 = r7
have:
  *(u32 *)(r10 - 8) = 0
  r2 = r10
  r2 += -8
  r1 = maxv ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  if r1 >= r6 goto out
  *(u64 *)(r0 + 0) = r6
out:
  r0 = 0
  exit
