; XDP drop-all: the shortest firewall there is. An XDP program runs in the driver before the
; kernel allocates anything for the packet, which makes dropping here the cheapest drop there is
; (this is how DDoS scrubbers discard floods). The verdict is r0 at exit: XDP_DROP is 1.
; expect: accept
.prog xdp

    r0 = 1      ; XDP_DROP
    exit
