; Found by the fuzzer (fuzz-101-780, minimized); the processed count differed: a register read
; uninitialised on one path (r8 is only loaded when r9 < 0), reached through branches that join.
; expect: reject R8 !read_ok
.prog xdp
.map h64 hash key=4 value=64 max_entries=64
  call bpf_get_prandom_u32
  r9 = r0
  if r9 s> -1 goto l0
  r8 = *(s32 *)(r10 - 16)
  if r8 > 56 goto l2
  r2 = r10
  r1 = h64 ll
l2:
l0:
  if w8 & 7 goto l3
l3:
  r0 = 2
  exit
