; A bpf-to-bpf call: drops UDP over IPv4 and passes everything else, with the parsing in a
; function of its own. `call ip_proto` jumps to the label and `exit` there returns to the caller.
; Arguments go in r1-r5, the result comes back in r0; the callee gets its own 512-byte stack
; frame, and r6-r9 survive the call (the caller's r1-r5 do not).
; expect: accept
.prog xdp

    r2 = *(u32 *)(r1 + 4)        ; r2 = data_end
    r1 = *(u32 *)(r1 + 0)        ; r1 = data
    call ip_proto                ; r0 = ip_proto(data, data_end)
    if r0 == 17 goto drop        ; UDP
    r0 = 2                       ; XDP_PASS
    exit
drop:
    r0 = 1                       ; XDP_DROP
    exit

; ip_proto(data, data_end): the IPv4 protocol number, or 0 for anything that is not IPv4.
ip_proto:
    r0 = 0
    r3 = r1
    r3 += 34
    if r3 > r2 goto done         ; the verifier tracks packet bounds across the call too
    r4 = *(u16 *)(r1 + 12)
    if r4 != 0x0008 goto done
    r0 = *(u8 *)(r1 + 23)
done:
    exit
