; An instruction jumped over unconditionally is unreachable.
; expect: reject unreachable insn 1
.prog socket_filter
  goto out
  r0 = 1
out:
  r0 = 0
  exit
