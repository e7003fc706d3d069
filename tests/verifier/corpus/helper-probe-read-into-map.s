; bpf_probe_read_kernel into a checked map value.
; expect: accept
.prog kprobe
.map h hash key=4 value=16 max_entries=1
  r6 = *(u64 *)(r1 + 112)
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = r0
  r2 = 16
  r3 = r6
  call bpf_probe_read_kernel
out:
  r0 = 0
  exit
