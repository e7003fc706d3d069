; The packet pointer's id in the error message counts ids handed out on the path explored first
; (the fall-through, with two hash lookups whose results get ids), so it depends on the order the
; verifier walks paths in and on which instructions allocate ids.
; expect: reject invalid access to packet, off=0 size=1, R2(id=
.prog xdp
.map h hash key=4 value=8 max_entries=4
  r6 = r1
  call bpf_get_prandom_u32
  r9 = r0
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 4)
  r4 = r2
  r4 += 1
  if r4 <= r3 goto later
  goto lookups
later:
  r5 = r9
  r5 &= 15
  r2 += r5
  r1 = *(u8 *)(r2 + 0)
lookups:
  *(u32 *)(r10 - 4) = 2
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  r7 = r0
  if r7 == 0 goto second
  *(u8 *)(r7 + 1) = 4
second:
  *(u32 *)(r10 - 4) = r9
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  r7 = r0
  if r0 == 0 goto out
  *(u16 *)(r7 + 2) = 6
out:
  r0 = 1
  exit
