; Rejected: packet access without a bounds check. The program reads the EtherType at data + 12
; without first proving that data + 14 <= data_end; on a short frame that would read past the
; packet. The verifier knows nothing about the packet's length until a comparison with data_end
; tells it (r=0 in the message: zero bytes proven readable). Fix: add
;     r3 = r2
;     r3 += 14
;     if r3 > r4 goto out
; before the load (with r4 = data_end).
; expect: reject invalid access to packet, off=12 size=2, R2(id=0,off=12,r=0)
.prog xdp

    r2 = *(u32 *)(r1 + 0)        ; data
    r4 = *(u32 *)(r1 + 4)        ; data_end (loaded, but never compared)
    r2 += 12
    r0 = *(u16 *)(r2 + 0)        ; EtherType: unchecked
    r0 = 2
    exit
