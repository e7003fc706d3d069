; Rejected: a return value the program type does not allow. A cgroup_skb program decides whether
; a cgroup's socket may receive a packet: 1 lets it through, 0 drops it, and on ingress nothing
; else means anything, so the verifier checks the range of r0 at every exit. Here one path
; returns 2 ("pass and signal congestion", valid only on egress). Fix: return 1.
; expect: reject At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]
.prog cgroup_skb

    r2 = *(u32 *)(r1 + 0)        ; skb->len
    r0 = 1                       ; pass
    if r2 < 1000 goto out
    r0 = 2                       ; "pass + congestion": egress only
out:
    exit
