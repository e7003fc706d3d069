; Rejected: a loop the verifier cannot prove finite. The counter comes from the context (the
; interface index, 1 in the playground's input), so the verifier only knows it is some 32-bit
; number: the loop might run four billion times. It follows the loop iteration by iteration, and
; every iteration leaves one more path to check later (the one leaving through `goto out`); after
; 8192 of them it gives up. Bounded loops are fine (see "Bounded loop"); for a data-dependent
; count, clamp the counter first (`r2 &= 63`) or use bpf_loop.
; expect: reject The sequence of 8193 jumps is too complex.
.prog xdp

    r2 = *(u32 *)(r1 + 12)       ; ingress_ifindex: any u32 as far as the verifier knows
    r0 = 0
loop:
    r0 += 1
    r2 += -1
    if r2 == 0 goto out          ; finite for this input, unbounded for the verifier
    goto loop
out:
    r0 = 2
    exit
