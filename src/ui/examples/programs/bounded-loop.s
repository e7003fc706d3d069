; A bounded loop: sums the 14 bytes of the Ethernet header and stores the sum in an array map.
; Since Linux 5.3 the verifier accepts loops it can prove finite: it walks every iteration (here
; r7 = 0, 1, ... 13) and stops following the back edge once `r7 < 14` is false. One bounds check
; before the loop covers every byte the loop reads.
; expect: accept
.prog xdp
.map result array key=4 value=8 max_entries=1

    r2 = *(u32 *)(r1 + 0)        ; data
    r3 = *(u32 *)(r1 + 4)        ; data_end
    r4 = r2
    r4 += 14
    if r4 > r3 goto out          ; the Ethernet header must be there
    r6 = 0                       ; r6 = the sum
    r7 = 0                       ; r7 = i
loop:
    r4 = r2
    r4 += r7
    r5 = *(u8 *)(r4 + 0)         ; byte i
    r6 += r5
    r7 += 1
    if r7 < 14 goto loop
    *(u32 *)(r10 - 4) = 0        ; key 0
    r1 = result ll
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto out          ; (an array lookup can only fail out of range, but check anyway)
    *(u64 *)(r0 + 0) = r6
out:
    r0 = 2                       ; XDP_PASS
    exit
