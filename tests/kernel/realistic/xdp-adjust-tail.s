; XDP snapshot trimming and trailers: frames longer than 64 bytes are cut to 64 with
; bpf_xdp_adjust_tail(negative); shorter ones grow by 4 bytes (the new bytes come zeroed) and get
; a 0xfeedface trailer written at the new end. Returns XDP_PASS, or XDP_ABORTED if a helper fails.
; Inputs: a 100-byte UDP frame, a 60-byte frame, a minimal 42-byte frame.
.prog xdp
; run: --packet eth/ipv4/udp/payload(hex=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a)
; run: --packet eth/ipv4/tcp/payload(hex=0102030405)
; run: --packet eth/ipv4/icmp
  r6 = r1
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r3 -= r2
  if r3 <= 64 goto grow
  r2 = 64
  r2 -= r3
  r1 = r6
  call bpf_xdp_adjust_tail
  if r0 != 0 goto abort
  r0 = 2
  exit
grow:
  r1 = r6
  r2 = 4
  call bpf_xdp_adjust_tail
  if r0 != 0 goto abort
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 4)
  r5 = r3
  r5 -= r2
  if r5 < 4 goto abort
  if r5 > 2000 goto abort
  r5 -= 4
  r2 += r5
  r4 = r2
  r4 += 4
  if r4 > r3 goto abort
  *(u32 *)(r2 + 0) = 0xcefaedfe
  r0 = 2
  exit
abort:
  r0 = 0
  exit
