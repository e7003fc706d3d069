; BPF_ATOMIC exists for u32 and u64 only: a u16 add (0xcb patched from 0xc3) is refused.
; expect: reject
; patch: 1 code=0xcb
.prog xdp
  *(u32 *)(r10 - 4) = 0
  lock *(u32 *)(r10 - 4) += w0
  r0 = 2
  exit
