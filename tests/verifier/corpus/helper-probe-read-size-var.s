; bpf_probe_read_kernel with a length bounded by an unsigned check (0..16 allowed, zero included).
; expect: accept
.prog kprobe
  r6 = *(u64 *)(r1 + 112)
  call bpf_get_prandom_u32
  r2 = r0
  if r2 > 16 goto out
  r1 = r10
  r1 += -16
  r3 = r6
  call bpf_probe_read_kernel
out:
  r0 = 0
  exit
