; Socket filter: keeps IPv4 TCP packets, truncated to their first 96 bytes, and drops the rest.
; This is what tcpdump attaches to its socket. A socket filter's verdict is a length: how many
; bytes of the packet the socket receives (0 drops it).
;
; It reads the packet with the legacy LD_ABS instructions (`*(u8 *)skb[9]`), which fetch bytes
; relative to the network header in network byte order and need the context in r6. An
; out-of-range LD_ABS ends the program with r0 = 0 instead of failing verification.
; expect: accept
.prog socket_filter

    r6 = r1                      ; LD_ABS reads the packet through r6
    r0 = *(u32 *)(r6 + 16)       ; skb->protocol (EtherType, network byte order)
    if r0 != 0x0008 goto drop    ; not IPv4
    r0 = *(u8 *)skb[9]           ; IPv4 protocol
    if r0 != 6 goto drop         ; not TCP
    r0 = 96                      ; keep the first 96 bytes
    exit
drop:
    r0 = 0
    exit
