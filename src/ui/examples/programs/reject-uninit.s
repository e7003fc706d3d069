; Rejected: reading an uninitialised register. At the start only r1 (the context) and r10 (the
; frame pointer) hold values; every other register is "not init" and reading it would leak
; whatever the kernel left there. Here r2 is used on a path where nothing was assigned to it:
; when the first packet byte is odd, `r2 = 1` is skipped. Fix: give r2 a value on every path
; (`r2 = 0` at the start).
; expect: reject R2 !read_ok
.prog xdp

    r3 = *(u32 *)(r1 + 0)        ; data
    r4 = *(u32 *)(r1 + 4)        ; data_end
    r5 = r3
    r5 += 1
    if r5 > r4 goto out
    r5 = *(u8 *)(r3 + 0)
    r5 &= 1
    if r5 != 0 goto out          ; odd first byte: skip the assignment
    r2 = 1
out:
    r0 = r2                      ; r2 is not initialised on the path from the `goto out`s
    r0 += 1
    exit
