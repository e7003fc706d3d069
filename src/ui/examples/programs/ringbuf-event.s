; A ring buffer event: for every frame, sends user space a 16-byte record (a timestamp and the
; EtherType) through a BPF ring buffer, the way tracing and monitoring tools report events.
;
; bpf_ringbuf_reserve hands out space in the buffer or NULL when it is full; a reserved record
; must be submitted (or discarded) on every path, or the verifier rejects the program for leaking
; it (see "Rejected: ring buffer record leaked"). The Output pane lists the records.
; expect: accept
.prog xdp
.map events ringbuf key=0 value=0 max_entries=4096

    r6 = 0                       ; r6 = EtherType (0 if the frame is too short)
    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 14
    if r4 > r3 goto reserve
    r6 = *(u16 *)(r2 + 12)
    r6 = be16 r6                 ; to host byte order
reserve:
    r1 = events ll
    r2 = 16                      ; record size
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto out          ; the buffer is full: no event this time
    r7 = r0
    call bpf_ktime_get_ns
    *(u64 *)(r7 + 0) = r0        ; timestamp
    *(u64 *)(r7 + 8) = r6        ; EtherType
    r1 = r7
    r2 = 0
    call bpf_ringbuf_submit      ; hand the record to user space
out:
    r0 = 2                       ; XDP_PASS
    exit
