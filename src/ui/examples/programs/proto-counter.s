; Packet counter per IP protocol, in a hash map: the classic "how much of what" statistic.
; The key is the protocol number (6 TCP, 17 UDP, 1 ICMP; 0 for frames that are not IPv4), the
; value a 64-bit count. The first packet of a protocol inserts its counter; later ones add to it
; with an atomic add, since the program may run on many CPUs at once.
;
; bpf_map_lookup_elem returns a pointer to the value or NULL: the verifier insists on the NULL
; check before the pointer is used. The map starts with TCP already at 41 (Maps pane).
; expect: accept
.prog xdp
.map counts hash key=4 value=8 max_entries=256

    r6 = 0                       ; r6 = the protocol (0 = not IPv4)
    r2 = *(u32 *)(r1 + 0)        ; data
    r3 = *(u32 *)(r1 + 4)        ; data_end
    r4 = r2
    r4 += 34
    if r4 > r3 goto count
    r5 = *(u16 *)(r2 + 12)
    if r5 != 0x0008 goto count   ; not IPv4
    r6 = *(u8 *)(r2 + 23)        ; IPv4 protocol
count:
    *(u32 *)(r10 - 4) = r6       ; the key, on the stack
    r1 = counts ll
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto insert       ; no counter yet
    r1 = 1
    lock *(u64 *)(r0 + 0) += r1  ; atomic increment
    goto pass
insert:
    r1 = 1
    *(u64 *)(r10 - 16) = r1      ; the first count
    r1 = counts ll
    r2 = r10
    r2 += -4                     ; key
    r3 = r10
    r3 += -16                    ; value
    r4 = 1                       ; BPF_NOEXIST: do not overwrite a counter another CPU just added
    call bpf_map_update_elem
pass:
    r0 = 2                       ; XDP_PASS
    exit
