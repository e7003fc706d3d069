; Reading through a map pointer: privileged programs may read struct bpf_map fields (the kernel
; has BTF), offset 0 included.
; expect: accept
.prog xdp
.map h hash key=4 value=8 max_entries=4
  r1 = h ll
  r0 = *(u64 *)(r1 + 0)
  r0 = 2
  exit
