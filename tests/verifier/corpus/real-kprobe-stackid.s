; Realistic kprobe: record the kernel stack id of each call and count per stack.
; expect: accept
.prog kprobe
.map stacks stack_trace key=4 value=1016 max_entries=128
.map counts hash key=4 value=8 max_entries=128
  r2 = stacks ll
  r3 = 0
  call bpf_get_stackid
  if r0 s< 0 goto out
  *(u32 *)(r10 - 4) = r0
  r2 = r10
  r2 += -4
  r1 = counts ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = 0
  exit
