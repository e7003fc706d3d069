; Rejected: missing NULL check. bpf_map_lookup_elem returns NULL when the key is not in the map,
; so its result has the type map_value_or_null, and the verifier refuses to dereference it until
; a comparison with 0 has split the two cases. Fix: add `if r0 == 0 goto out` (and an `out:`
; label before the final `r0 = 2`) right after the call.
; expect: reject R0 invalid mem access 'map_value_or_null'
.prog xdp
.map counts hash key=4 value=8 max_entries=16

    *(u32 *)(r10 - 4) = 6        ; key: TCP
    r1 = counts ll
    r2 = r10
    r2 += -4
    call bpf_map_lookup_elem
    r1 = *(u64 *)(r0 + 0)        ; r0 may be NULL here
    r0 = 2
    exit
