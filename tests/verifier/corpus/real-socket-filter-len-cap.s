; Realistic socket filter: keep at most the first 128 bytes of each packet.
; expect: accept
.prog socket_filter
  r0 = *(u32 *)(r1 + 0)
  if r0 <= 128 goto out
  r0 = 128
out:
  exit
