; Reads through a map pointer are checked against struct bpf_map's BTF: a 2-byte read at offset
; 31 runs past the end of the member there (found by the fuzzer, soup-102-1164).
; expect: reject access beyond the end of member
.prog tracepoint
.map m hash key=4 value=8 max_entries=4
  r1 = m ll
  r6 = *(u16 *)(r1 + 31)
  r0 = 0
  exit
