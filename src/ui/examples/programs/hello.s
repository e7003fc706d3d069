; Hello, world: the smallest useful program. It prints a line with bpf_trace_printk (the Output
; pane's console shows it; on a real system it lands in /sys/kernel/tracing/trace_pipe) and
; returns a constant, XDP_PASS, so every packet goes on to the network stack.
;
; The format string is built on the stack eight bytes at a time: programs have no string
; literals, and the helper wants a pointer to the text plus its size, the NUL included.
; expect: accept
.prog xdp

    r1 = 0x77202c6f6c6c6548 ll   ; "Hello, w" (little-endian)
    *(u64 *)(r10 - 16) = r1
    r1 = 0x00000a21646c726f ll   ; "orld!\n" and the terminating NUL
    *(u64 *)(r10 - 8) = r1
    r1 = r10
    r1 += -16                    ; r1 = the format string on the stack
    r2 = 15                      ; r2 = its size: 14 characters + NUL
    call bpf_trace_printk
    r0 = 2                       ; XDP_PASS
    exit
