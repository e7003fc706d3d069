// The program a first-time visitor sees: small, valid, and exercising the common forms (context
// loads, a bounds check, a conditional jump to a label, return codes).
export const EXAMPLE_SOURCE = `; XDP: drop IPv6 frames, pass everything else.
.prog xdp

    r2 = *(u32 *)(r1 + 4)     ; ctx->data_end
    r1 = *(u32 *)(r1 + 0)     ; ctx->data
    r3 = r1
    r3 += 14                  ; past the Ethernet header
    if r3 > r2 goto pass      ; bounds check
    r4 = *(u16 *)(r1 + 12)    ; EtherType (big-endian)
    if r4 == 0xdd86 goto drop ; ETH_P_IPV6, byte-swapped
pass:
    r0 = 2                    ; XDP_PASS
    exit
drop:
    r0 = 1                    ; XDP_DROP
    exit
`;
