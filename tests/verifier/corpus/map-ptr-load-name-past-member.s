; ... but not past the member's end (name ends at 152).
; expect: reject access beyond the end of member name (mend:152)
.prog kprobe
.map r ringbuf key=0 value=0 max_entries=4096
  r1 = r ll
  r0 = *(u64 *)(r1 + 148)
  r0 = 0
  exit
