; tc_classid (offset 72) is a tc-only field: socket filters cannot read it.
; expect: reject invalid bpf_context access off=72 size=4
.prog socket_filter
  r0 = *(u32 *)(r1 + 72)
  exit
