; Found by the fuzzer (fuzz-77-799, minimized): the packet pointer's id in the error message
; counts every id handed out before, on the path explored first too: scalar copies (r8 = r9 links
; the two registers under a fresh id), the array lookup's result, the variable-offset packet
; pointer itself.
; expect: reject invalid access to packet, off=9 size=8, R2(id=
.prog sched_cls
.map a24 array key=4 value=24 max_entries=4
  r6 = r1
  call bpf_get_prandom_u32
  r9 = r0
  r9 &= 63
  r2 = *(u32 *)(r6 + 76)
  r3 = *(u32 *)(r6 + 80)
  r4 = r2
  if r3 >= r4 goto l1
  goto l0
l1:
  r5 = r9
  r2 += r5
  r1 = *(u64 *)(r2 + 9)
l0:
  if r9 > 8 goto l2
  r8 = *(u32 *)(r6 + 16)
l2:
  *(u32 *)(r10 - 4) = 4
  r2 = r10
  r2 += -4
  r1 = a24 ll
  call bpf_map_lookup_elem
  r7 = r0
  if r7 == 0 goto l3
  r8 = r9
l3:
  r0 = 0
  exit
