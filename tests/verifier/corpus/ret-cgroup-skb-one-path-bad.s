; One path returns 1, the other 3: the bad path fails the range check.
; expect: reject At program exit the register R0 has
.prog cgroup_skb
  r6 = r1
  r0 = 1
  r2 = *(u32 *)(r6 + 0)
  if r2 > 100 goto out
  r0 = 3
out:
  exit
