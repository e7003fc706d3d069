; XDP port filter: passes TCP segments to port 80 and drops every other frame. It parses
; Ethernet, IPv4 (with its variable header length) and TCP by hand.
;
; Every packet read must be preceded by a check against data_end: the verifier tracks how many
; bytes past `data` each check proved readable (r=N in the verifier's notes) and refuses any load
; beyond that. The IPv4 header length is variable (IHL * 4), so the TCP header's position is a
; variable offset and gets a bounds check of its own.
; expect: accept
.prog xdp

    r2 = *(u32 *)(r1 + 0)        ; r2 = data
    r3 = *(u32 *)(r1 + 4)        ; r3 = data_end
    r4 = r2
    r4 += 34                     ; Ethernet (14) + the smallest IPv4 header (20)
    if r4 > r3 goto drop         ; too short for both
    r5 = *(u16 *)(r2 + 12)       ; EtherType, in network byte order
    if r5 != 0x0008 goto drop    ; not IPv4 (0x0800 byte-swapped)
    r5 = *(u8 *)(r2 + 23)        ; IPv4 protocol
    if r5 != 6 goto drop         ; not TCP
    r5 = *(u8 *)(r2 + 14)        ; version and IHL
    r5 &= 0xf
    r5 <<= 2                     ; IPv4 header length in bytes (0..60)
    r4 = r2
    r4 += 14
    r4 += r5                     ; r4 = the TCP header
    r5 = r4
    r5 += 20
    if r5 > r3 goto drop         ; the whole TCP header must be there
    r5 = *(u16 *)(r4 + 2)        ; destination port
    if r5 == 0x5000 goto pass    ; port 80 (0x0050 byte-swapped)
drop:
    r0 = 1                       ; XDP_DROP
    exit
pass:
    r0 = 2                       ; XDP_PASS
    exit
