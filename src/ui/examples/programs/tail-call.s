; A tail call: a dispatcher that jumps to a handler program chosen by the IP protocol, stored in a
; program array (prog_array) at that index. bpf_tail_call replaces the running program and never
; returns, unless the slot is empty or the chain is already 33 programs long: then execution just
; continues after the call. In the playground the array starts empty, so every packet takes the
; fallback path, which counts it in `misses` and passes it.
; expect: accept
.prog xdp
.map handlers prog_array key=4 value=4 max_entries=256
.map misses array key=4 value=8 max_entries=256

    r6 = r1                      ; keep the context: bpf_tail_call needs it in r1
    r7 = 0                       ; protocol 0 for non-IPv4 frames
    r2 = *(u32 *)(r1 + 0)
    r3 = *(u32 *)(r1 + 4)
    r4 = r2
    r4 += 34
    if r4 > r3 goto dispatch
    r7 = *(u8 *)(r2 + 23)        ; IPv4 protocol
dispatch:
    r1 = r6                      ; ctx
    r2 = handlers ll             ; the program array
    r3 = r7                      ; the index
    call bpf_tail_call           ; only returns when handlers[r7] is empty
    *(u32 *)(r10 - 4) = r7
    r1 = misses ll
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    if r0 == 0 goto pass
    r1 = 1
    lock *(u64 *)(r0 + 0) += r1
pass:
    r0 = 2                       ; XDP_PASS
    exit
