; Returning a pointer from a program type with a checked return range.
; expect: reject At program exit the register R0 is not a known value (fp)
.prog cgroup_skb
  r0 = r10
  exit
