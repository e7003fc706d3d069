; Rejected: a leaked ring buffer record. bpf_ringbuf_reserve hands out a reference that must be
; released, by bpf_ringbuf_submit or bpf_ringbuf_discard, on every path before exit; otherwise
; the space would stay reserved forever and the buffer would fill up. This program forgets the
; record when the frame is short. Fix: discard it on that path (r1 = r6, r2 = 0,
; call bpf_ringbuf_discard).
; expect: reject Unreleased reference id=2 alloc_insn=5
.prog xdp
.map events ringbuf key=0 value=0 max_entries=4096

    r7 = r1                      ; keep the context
    r1 = events ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto out
    r6 = r0                      ; r6 = the record
    r2 = *(u32 *)(r7 + 0)        ; data
    r3 = *(u32 *)(r7 + 4)        ; data_end
    r4 = r2
    r4 += 14
    if r4 > r3 goto out          ; short frame: leaves with the record still reserved
    r5 = *(u16 *)(r2 + 12)
    *(u64 *)(r6 + 0) = r5
    r1 = r6
    r2 = 0
    call bpf_ringbuf_submit
out:
    r0 = 2
    exit
