; bpf_get_current_comm fills a 16-byte stack buffer.
; expect: accept
.prog tracepoint
  r1 = r10
  r1 += -16
  r2 = 16
  call bpf_get_current_comm
  r0 = *(u8 *)(r10 - 16)
  r0 = 0
  exit
