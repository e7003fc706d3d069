; Pointer arithmetic after the NULL check moves the access window: +8 then a u64 at +0 is the
; value's last 8 bytes.
; expect: accept
.prog xdp
.map h hash key=4 value=16 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = h ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r0 += 8
  r1 = *(u64 *)(r0 + 0)
out:
  r0 = 2
  exit
